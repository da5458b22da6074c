package ai.based.cli.brains;

import picocli.CommandLine.Command;

@Command(name = "brains", description = "Acquire and manage Brains on Ethereum.",
        subcommands = {BrainsAcquireCommand.class, BrainsListCommand.class, BrainsShowCommand.class,
            BrainsDeactivateCommand.class, BrainsLinkCommand.class})
public final class BrainsCommand {}
