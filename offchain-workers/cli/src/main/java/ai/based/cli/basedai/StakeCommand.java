package ai.based.cli.basedai;

import picocli.CommandLine.Command;

@Command(name = "stake", description = "Stake BASED on a Brain or one of its validators.",
        subcommands = {StakeAddCommand.class, StakeRemoveCommand.class, StakeShowCommand.class})
public final class StakeCommand {}
