package ai.based.cli.wallet;

import ai.based.cli.BaseCommand;
import ai.based.client.wallet.Wallet;
import ai.based.client.wallet.WalletStore;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "list", description = "List wallets and their addresses.")
public final class WalletListCommand extends BaseCommand {
    @Override
    protected void run() {
        List<Wallet> wallets = new WalletStore(home().wallets(), WalletStore.Kdf.STANDARD).list();
        if (wallets.isEmpty()) out().println("no wallets in " + home().wallets() + " (create one: based wallet create NAME)");
        for (Wallet wallet : wallets) {
            out().printf("%-20s %s%n", wallet.name(), wallet.address());
        }
    }
}
