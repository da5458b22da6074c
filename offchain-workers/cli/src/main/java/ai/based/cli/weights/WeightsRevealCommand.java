package ai.based.cli.weights;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.Converters;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedHome;
import ai.based.client.BasedSession;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.cli.validator.ValidatorStartCommand;
import ai.based.validator.CommitBook;
import ai.based.validator.PendingCommit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "reveal", description = "Reveal the weights this wallet committed on a Brain in the previous epoch.")
public final class WeightsRevealCommand extends BasedAiCommand {
    @Option(names = "--brain", required = true, paramLabel = "N", converter = Converters.BrainNumber.class)
    long brainId;

    @Option(names = "--epoch", paramLabel = "E", description = "the commit's epoch (default: the previous one, the only one a reveal is accepted for)")
    Long epoch;

    @Mixin
    SignerOptions signer;

    /** The validator's commit book for the Brain, the one 'based validator start' keeps too. */
    static CommitBook book(BasedHome home, String network, long brainId, String validator) {
        return new CommitBook(ValidatorStartCommand.stateDir(home, network, brainId, validator).resolve("commits.json"));
    }

    @Override
    protected void run(BasedSession session) throws Exception {
        var credentials = signer.unlock(home());
        ValidatorWeightsClient client = new ValidatorWeightsClient(session);
        long committed = epoch != null ? epoch : client.nextBlockEpoch() - 1;
        String validator = credentials.getAddress().toLowerCase();
        if (client.commitOf(brainId, committed, validator).revealed()) {
            throw new IllegalStateException(validator + " already revealed its weights for epoch " + committed + " of Brain #" + brainId);
        }
        CommitBook book = book(home(), network.name(), brainId, validator);
        PendingCommit pending = book.forEpoch(committed).orElseThrow(() -> new IllegalStateException("no commit of " + validator + " on Brain #"
                + brainId + " for epoch " + committed + " is kept under " + home().root() + "; only the wallet that committed, on this machine, can reveal it"));
        client.reveal(credentials, brainId, committed, pending.uids(), pending.weights(), pending.salt());
        book.remove(committed);
        out().println("revealed " + pending.uids().length + " weight(s) on Brain #" + brainId + " committed in epoch " + committed
                + "; they count in epoch " + (committed + 1) + "'s consensus");
    }
}
