package ai.based.cli.weights;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.Converters;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedHome;
import ai.based.client.BasedSession;
import ai.based.client.basedai.ValidatorWeightsClient;
import java.nio.file.Path;
import org.web3j.utils.Numeric;
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

    static Path commitsDir(BasedHome home, String network) {
        return home.root().resolve("weights").resolve(network);
    }

    @Override
    protected void run(BasedSession session) throws Exception {
        var credentials = signer.unlock(home());
        ValidatorWeightsClient client = new ValidatorWeightsClient(session);
        long committed = epoch != null ? epoch : client.nextBlockEpoch() - 1;
        String validator = credentials.getAddress().toLowerCase();
        PendingCommit pending = PendingCommit.read(commitsDir(home(), network.name()), brainId, committed, validator)
                .orElseThrow(() -> new IllegalStateException("no commit of " + validator + " on Brain #" + brainId + " for epoch "
                        + committed + " is recorded in " + commitsDir(home(), network.name()) + "; only the wallet that committed, on this machine, can reveal it"));
        client.reveal(credentials, brainId, committed, pending.uids(), pending.weights(), Numeric.hexStringToByteArray(pending.salt()));
        out().println("revealed " + pending.uids().length + " weight(s) on Brain #" + brainId + " committed in epoch " + committed
                + "; they count in epoch " + (committed + 1) + "'s consensus");
    }
}
