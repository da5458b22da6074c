package ai.based.cli.wallet;

import picocli.CommandLine.Command;

@Command(name = "wallet", description = "Named Ethereum keystore (V3) wallets.",
        subcommands = {WalletCreateCommand.class, WalletImportCommand.class, WalletListCommand.class,
            WalletBalanceCommand.class, WalletFaucetCommand.class})
public final class WalletCommand {}
