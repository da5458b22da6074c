package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.oracle.EmissionsClient;
import ai.based.protocol.Reward;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "claim", description = "Claim this wallet's reward for an epoch with its Merkle proof (default: the last posted epoch).")
public final class EmissionsClaimCommand extends BasedAiCommand {
    @Option(names = "--epoch", paramLabel = "E")
    Long epoch;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(BasedSession session) throws Exception {
        var credentials = signer.unlock(home());
        EmissionsClient emissions = new EmissionsClient(session, rewardsDir());
        long number = epoch != null ? epoch : emissions.latestPosted();
        Reward reward = emissions.claim(credentials, credentials.getAddress(), number);
        out().println("claimed " + Pepe.format(reward.amount()) + " BASED for epoch " + number + " to " + credentials.getAddress());
    }
}
