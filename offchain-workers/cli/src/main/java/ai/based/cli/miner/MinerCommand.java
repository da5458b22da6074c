package ai.based.cli.miner;

import picocli.CommandLine.Command;

@Command(name = "miner", description = "Serve a Brain's encrypted model to users over HTTPS.", subcommands = {MinerStartCommand.class})
public final class MinerCommand {}
