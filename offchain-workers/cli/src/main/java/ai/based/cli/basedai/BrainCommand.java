package ai.based.cli.basedai;

import picocli.CommandLine.Command;

@Command(name = "brain", description = "A Brain on the BasedAI chain: mirror it from Ethereum, configure it, price its compute.",
        subcommands = {BrainSyncCommand.class, BrainConfigureCommand.class, BrainPriceCommand.class})
public final class BrainCommand {}
