package ai.based.cli.wallet;

import ai.based.cli.BaseCommand;
import ai.based.cli.PasswordOptions;
import ai.based.client.wallet.Wallet;
import ai.based.client.wallet.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "create", description = "Create a new wallet, encrypted with a password (scrypt keystore V3).")
public final class WalletCreateCommand extends BaseCommand {
    @Parameters(paramLabel = "NAME", description = "wallet name")
    String name;

    @Mixin
    PasswordOptions password;

    @Override
    protected void run() {
        Wallet wallet = new WalletStore(home().wallets(), WalletStore.Kdf.STANDARD)
                .create(name, password.newPassword("password for the new wallet '" + name + "': "));
        out().println("created wallet '" + wallet.name() + "' " + wallet.address() + " in " + wallet.keystore());
    }
}
