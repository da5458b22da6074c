package ai.based.cli.enforcer;

import picocli.CommandLine.Command;

@Command(name = "enforcer", description = "Run the TFT Enforcer (administrative Brain #2's role): per-epoch forecasts of each "
        + "miner's contribution, posted on chain for the oracle's incentive blend.", subcommands = {EnforcerStartCommand.class})
public final class EnforcerCommand {}
