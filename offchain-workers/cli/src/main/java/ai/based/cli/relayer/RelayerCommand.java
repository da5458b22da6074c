package ai.based.cli.relayer;

import picocli.CommandLine.Command;

@Command(name = "relayer", description = "Run a bridge relayer.", subcommands = {RelayerStartCommand.class})
public final class RelayerCommand {}
