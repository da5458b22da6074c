package ai.based.cli.validator;

import picocli.CommandLine.Command;

@Command(name = "validator", description = "Score a Brain's miners and set weights on chain.", subcommands = {ValidatorStartCommand.class})
public final class ValidatorCommand {}
