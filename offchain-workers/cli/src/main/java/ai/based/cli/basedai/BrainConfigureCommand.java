package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "configure", description = "Set a Brain's name, model and its source link, reward address and emission split.")
public final class BrainConfigureCommand extends BasedAiCommand {
    @Parameters(paramLabel = "N")
    long brainId;

    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--model", required = true, description = "model or task id")
    String model;

    @Option(names = "--source", required = true, description = "link to the model's source, for the light audit")
    String source;

    @Option(names = "--reward-address", description = "where the owner's share goes (default: the owner)")
    String rewardAddress;

    @Option(names = "--miner-share", defaultValue = "5000", description = "miners' share of the node pool in bps; validators get the rest (default: ${DEFAULT-VALUE})")
    int minerShareBps;

    @Option(names = "--owner-handoff", defaultValue = "0", description = "bps of the owner's 25% handed to the nodes (default: ${DEFAULT-VALUE})")
    int ownerHandoffBps;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(BasedSession session) throws Exception {
        var credentials = signer.unlock(home());
        String rewards = rewardAddress == null ? credentials.getAddress() : rewardAddress;
        session.registry(session.signer(credentials)).configure(BigInteger.valueOf(brainId), name, model, source, rewards,
                BigInteger.valueOf(minerShareBps), BigInteger.valueOf(ownerHandoffBps)).send();
        out().println("configured Brain #" + brainId + ": " + name + " (" + model + "), miners " + minerShareBps / 100.0
                + "% / validators " + (10_000 - minerShareBps) / 100.0 + "% of the nodes' share, rewards to " + rewards);
    }
}
