package ai.based.cli.oracle;

import picocli.CommandLine.Command;

@Command(name = "oracle", description = "Run an oracle signer.", subcommands = {OracleStartCommand.class})
public final class OracleCommand {}
