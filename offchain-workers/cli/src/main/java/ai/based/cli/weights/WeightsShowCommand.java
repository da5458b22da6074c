package ai.based.cli.weights;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.Converters;
import ai.based.client.BasedSession;
import ai.based.client.basedai.ValidatorWeightsClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "show", description = "The weights revealed on a Brain for a commit epoch (default: the previous epoch).")
public final class WeightsShowCommand extends BasedAiCommand {
    @Option(names = "--brain", required = true, paramLabel = "N", converter = Converters.BrainNumber.class)
    long brainId;

    @Option(names = "--epoch", paramLabel = "E")
    Long epoch;

    @Override
    protected void run(BasedSession session) throws Exception {
        ValidatorWeightsClient client = new ValidatorWeightsClient(session);
        long committed = epoch != null ? epoch : client.currentEpoch() - 1;
        var revealed = client.revealed(brainId, committed);
        out().println("Brain #" + brainId + ", weights committed in epoch " + committed + ": " + revealed.size() + " validator(s) revealed");
        for (var weights : revealed) {
            StringBuilder line = new StringBuilder("  " + weights.validator().toLowerCase() + ":");
            for (int k = 0; k < weights.uids().length; k++) line.append(' ').append(weights.uids()[k]).append('=').append(weights.weights()[k]);
            out().println(line);
        }
    }
}
