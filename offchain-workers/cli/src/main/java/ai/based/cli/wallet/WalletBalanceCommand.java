package ai.based.cli.wallet;

import ai.based.cli.EthereumCommand;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.WrappedBased;
import ai.based.client.manifest.BridgeContracts;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import ai.based.client.wallet.Wallet;
import ai.based.client.wallet.WalletStore;
import java.math.BigInteger;
import org.web3j.protocol.core.DefaultBlockParameterName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "balance", description = "ETH and PEPE on Ethereum, BASED on the BasedAI chain.")
public final class WalletBalanceCommand extends EthereumCommand {
    @Option(names = "--wallet", paramLabel = "NAME", required = true)
    String name;

    private interface Call<T> {
        T get() throws Exception;
    }

    private static <T> T unchecked(Call<T> call) {
        try {
            return call.get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the balance: " + e.getMessage(), e);
        }
    }

    @Override
    protected void run(EthereumSession session) throws Exception {
        Wallet wallet = new WalletStore(home().wallets(), WalletStore.Kdf.STANDARD).get(name);
        BigInteger wei = session.node().web3j().ethGetBalance(wallet.address(), DefaultBlockParameterName.LATEST)
                .send().getBalance();
        BigInteger pepe = session.pepe(session.reader()).balanceOf(wallet.address()).send();
        out().println(wallet.name() + " " + wallet.address());
        out().println("  ETH   " + Pepe.format(wei));
        out().println("  PEPE  " + Pepe.format(pepe));
        session.deployment().address(BridgeContracts.WRAPPED_BASED).ifPresent(wrapped -> out().println("  wBASED "
                + Pepe.format(unchecked(() -> WrappedBased.load(wrapped, session.node().web3j(), session.reader(),
                        TxManager.WRAPPER_GAS).balanceOf(wallet.address()).send()))));
        try (BasedSession basedai = BasedSession.open(network.manifest(home()))) {
            out().println("  BASED " + Pepe.format(basedai.token(basedai.reader()).balanceOf(wallet.address()).send()));
        }
    }
}
