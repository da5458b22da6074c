package ai.based.cli.devnet;

import picocli.CommandLine.Command;

@Command(name = "devnet", description = "Start, stop and inspect the two local devnets (Ethereum 1337, BasedAI 32323).",
        subcommands = {DevnetUpCommand.class, DevnetDownCommand.class, DevnetStatusCommand.class})
public final class DevnetCommand {}
