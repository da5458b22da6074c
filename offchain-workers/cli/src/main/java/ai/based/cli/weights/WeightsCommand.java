package ai.based.cli.weights;

import picocli.CommandLine.Command;

@Command(name = "weights", description = "A validator's weights by hand: commit them in one epoch, reveal them in the next, show what was revealed.",
        subcommands = {WeightsCommitCommand.class, WeightsRevealCommand.class, WeightsShowCommand.class})
public final class WeightsCommand {}
