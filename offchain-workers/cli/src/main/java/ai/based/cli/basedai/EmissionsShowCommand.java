package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.oracle.EmissionsClient;
import ai.based.protocol.Reward;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "show", description = "Per-Brain and per-account rewards of an epoch (default: the last posted one).")
public final class EmissionsShowCommand extends BasedAiCommand {
    @Option(names = "--epoch", paramLabel = "E")
    Long epoch;

    @Override
    protected void run(BasedSession session) throws Exception {
        EmissionsClient emissions = new EmissionsClient(session, rewardsDir());
        long number = epoch != null ? epoch : emissions.latestPosted();
        if (number < 0) {
            out().println("no epoch posted yet (current epoch " + session.emission(session.reader()).currentEpoch().send() + ")");
            return;
        }
        EmissionsClient.EpochView view = emissions.show(number);
        out().println("epoch " + number + (view.recorded() ? ": posted " : ": not posted; ") + Pepe.format(view.total())
                + " of " + Pepe.format(view.emission()) + " BASED emitted, " + Pepe.format(view.claimed()) + " claimed");
        view.brainTotals().forEach((brain, total) -> out().printf("  Brain #%-5d %s BASED%n", brain, Pepe.format(total)));
        for (Reward reward : view.rewards()) {
            out().printf("  %s %s BASED%n", reward.account(), Pepe.format(reward.amount()));
        }
    }
}
