package ai.based.cli.brains;

import ai.based.cli.EthereumCommand;
import ai.based.client.EthereumSession;
import ai.based.client.brains.BrainClient;
import ai.based.client.wallet.WalletStore;
import java.util.Optional;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", description = "List live Brains, optionally of one owner (an address or a wallet name).")
public final class BrainsListCommand extends EthereumCommand {
    @Option(names = "--owner", paramLabel = "ADDRESS|WALLET")
    String owner;

    @Override
    protected void run(EthereumSession session) throws Exception {
        Optional<String> address = Optional.ofNullable(owner).map(this::resolve);
        var brains = new BrainClient(session).list(address);
        for (var brain : brains) {
            out().printf("#%-5d %-9s %s%n", brain.id(), brain.method().label(), brain.owner());
        }
        out().println(brains.size() + " Brain(s)");
    }

    private String resolve(String ownerOrWallet) {
        if (WalletUtils.isValidAddress(ownerOrWallet) && ownerOrWallet.startsWith("0x")) return ownerOrWallet;
        return new WalletStore(home().wallets(), WalletStore.Kdf.STANDARD).get(ownerOrWallet).address();
    }
}
