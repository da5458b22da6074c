package ai.based.cli.basedai;

import ai.based.cli.Converters;
import ai.based.cli.BasedAiCommand;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import ai.based.client.InvalidInputException;
import ai.based.cli.model.PackageLocator;
import ai.based.fhe.zkllm.model.ModelId;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "configure", description = "Set a Brain's name, model and its source link, reward address and emission split.")
public final class BrainConfigureCommand extends BasedAiCommand {
    @Parameters(paramLabel = "N", converter = Converters.BrainNumber.class)
    long brainId;

    @Option(names = "--name", required = true)
    String name;

    @Option(names = "--model", required = true, paramLabel = "PACKAGE|ID", description = "the model its miners serve: a package "
            + "(directory, name under <home>/models, or a bundled name), recorded by its content id, or an id name@sha256:hex")
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
        String modelId = contentId(model);
        String rewards = rewardAddress == null ? credentials.getAddress() : rewardAddress;
        session.registry(session.signer(credentials)).configure(BigInteger.valueOf(brainId), name, modelId, source, rewards,
                BigInteger.valueOf(minerShareBps), BigInteger.valueOf(ownerHandoffBps)).send();
        out().println("configured Brain #" + brainId + ": " + name + " (" + modelId + "), miners " + minerShareBps / 100.0
                + "% / validators " + (10_000 - minerShareBps) / 100.0 + "% of the nodes' share, rewards to " + rewards);
    }

    /** An id as given, checked; or a package's content id, so that miners and clients can check the package by it. */
    private String contentId(String given) {
        if (given.contains("@sha256:")) {
            try {
                return ModelId.parse(given).toString();
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage(), e);
            }
        }
        return PackageLocator.contentId(home(), given).toString();
    }
}
