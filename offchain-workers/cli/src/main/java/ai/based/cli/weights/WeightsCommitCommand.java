package ai.based.cli.weights;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.Converters;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import ai.based.client.InvalidInputException;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.validator.PendingCommit;
import java.security.SecureRandom;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "commit", description = "Commit weights on a Brain's miners for the current epoch (reveal them in the next with 'weights reveal').")
public final class WeightsCommitCommand extends BasedAiCommand {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Option(names = "--brain", required = true, paramLabel = "N", converter = Converters.BrainNumber.class)
    long brainId;

    @Option(names = "--weights", required = true, paramLabel = "UID=W[,UID=W...]", description = "miner uid and weight (0-65535) pairs")
    String weights;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(BasedSession session) throws Exception {
        TreeMap<Integer, Integer> entries = parse(weights);
        int[] uids = entries.keySet().stream().mapToInt(Integer::intValue).toArray();
        int[] values = entries.values().stream().mapToInt(Integer::intValue).toArray();
        var credentials = signer.unlock(home());
        ValidatorWeightsClient client = new ValidatorWeightsClient(session);
        long epoch = client.nextBlockEpoch();
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        byte[] hash = ValidatorWeightsClient.commitHash(brainId, epoch, uids, values, salt, credentials.getAddress());
        // kept before the hash is sent, in the same book the validator service keeps: a commit can always be revealed
        WeightsRevealCommand.book(home(), network.name(), brainId, credentials.getAddress()).add(new PendingCommit(epoch, uids, values, salt, hash));
        client.commit(credentials, brainId, epoch, hash);
        out().println("committed " + uids.length + " weight(s) on Brain #" + brainId + " for epoch " + epoch
                + "; reveal them during epoch " + (epoch + 1) + " with: based weights reveal --brain " + brainId);
    }

    static TreeMap<Integer, Integer> parse(String text) {
        TreeMap<Integer, Integer> entries = new TreeMap<>();
        for (String pair : text.split(",")) {
            String[] parts = pair.trim().split("=");
            if (parts.length != 2) throw new InvalidInputException("cannot read weight '" + pair + "': write UID=WEIGHT, e.g. 0=65535");
            int uid = number(parts[0], "miner uid", 65_535);
            int weight = number(parts[1], "weight", 65_535);
            if (entries.put(uid, weight) != null) throw new InvalidInputException("miner uid " + uid + " is weighted twice");
        }
        return entries;
    }

    private static int number(String text, String what, int max) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0 && value <= max) return value;
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new InvalidInputException("a " + what + " must be a whole number from 0 to " + max + ", got '" + text.trim() + "'");
    }
}
