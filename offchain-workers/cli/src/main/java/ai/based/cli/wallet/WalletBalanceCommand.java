package ai.based.cli.wallet;

import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SessionSupport;
import ai.based.runtime.EthereumSession;
import ai.based.runtime.Pepe;
import ai.based.runtime.wallet.Wallet;
import ai.based.runtime.wallet.WalletStore;
import java.math.BigInteger;
import org.web3j.protocol.core.DefaultBlockParameterName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "balance", description = "ETH and PEPE on Ethereum (BASED arrives with the BasedAI chain contracts).")
public final class WalletBalanceCommand extends BaseCommand {
    @Option(names = "--wallet", paramLabel = "NAME", required = true)
    String name;

    @Mixin
    NetworkOptions network;

    @Override
    protected void run() throws Exception {
        Wallet wallet = new WalletStore(home().wallets(), WalletStore.Kdf.STANDARD).get(name);
        try (EthereumSession session = SessionSupport.ethereum(home(), network)) {
            BigInteger wei = session.node().web3j().ethGetBalance(wallet.address(), DefaultBlockParameterName.LATEST)
                    .send().getBalance();
            BigInteger pepe = session.pepe(session.reader()).balanceOf(wallet.address()).send();
            out().println(wallet.name() + " " + wallet.address());
            out().println("  ETH   " + Pepe.format(wei));
            out().println("  PEPE  " + Pepe.format(pepe));
        }
    }
}
