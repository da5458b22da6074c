package ai.based.cli.gigabrain;

import picocli.CommandLine.Command;

@Command(name = "gigabrain", description = "Network votes of GigaBrains (Brains with at least 0.5%% of all stake).",
        subcommands = {GigabrainListCommand.class, GigabrainProposeCommand.class, GigabrainVoteCommand.class,
            GigabrainExecuteCommand.class, GigabrainShowCommand.class, GigabrainPepeCommand.class})
public final class GigabrainCommand {}
