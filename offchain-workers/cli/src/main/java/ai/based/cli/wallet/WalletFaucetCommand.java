package ai.based.cli.wallet;

import ai.based.cli.EthereumCommand;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import ai.based.client.devnet.DevnetFaucet;
import ai.based.client.wallet.Wallet;
import ai.based.client.wallet.WalletStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "faucet", description = "Fund a wallet on the Ethereum devnet with ETH for gas and PEPE.")
public final class WalletFaucetCommand extends EthereumCommand {
    @Option(names = "--wallet", paramLabel = "NAME", required = true)
    String name;

    @Option(names = "--eth", defaultValue = "10", description = "ETH to send (default: ${DEFAULT-VALUE})")
    String eth;

    @Option(names = "--pepe", defaultValue = "250000", description = "PEPE to mint (default: ${DEFAULT-VALUE})")
    String pepe;

    @Option(names = "--based", defaultValue = "10000", description = "BASED to send on the BasedAI devnet, with gas (default: ${DEFAULT-VALUE})")
    String based;

    @Override
    protected void run(EthereumSession session) throws Exception {
        Wallet wallet = new WalletStore(home().wallets(), WalletStore.Kdf.STANDARD).get(name);
        new DevnetFaucet(session).fund(wallet.address(), Pepe.parse(eth), Pepe.parse(pepe), progress());
        if (Pepe.parse(based).signum() > 0) {
            try (BasedSession basedai = BasedSession.open(network.manifest(home()))) {
                DevnetFaucet.fundBased(basedai, wallet.address(), DevnetFaucet.DEFAULT_ETH, Pepe.parse(based), progress());
            }
        }
        out().println("funded " + wallet.name() + " " + wallet.address() + " with " + eth + " ETH, " + pepe + " PEPE and "
                + based + " BASED");
    }
}
