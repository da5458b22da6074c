package ai.based.runtime.devnet;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.tx.TxManager;
import ai.based.runtime.EthereumSession;
import ai.based.runtime.Pepe;
import java.math.BigInteger;
import java.util.function.Consumer;
import org.web3j.utils.Convert;

/**
 * Funds a wallet on the Ethereum devnet: ETH from a dev account for gas, PEPE from the stand-in's faucet.
 * Refuses any chain but the devnet, where the PepeCoin stand-in lives.
 */
public final class DevnetFaucet {
    public static final BigInteger DEFAULT_ETH = Convert.toWei("10", Convert.Unit.ETHER).toBigIntegerExact();
    public static final BigInteger DEFAULT_PEPE = Pepe.units(250_000);
    /** Dev account 0 administers the deployment; the faucet signs with its own account so their nonces never race. */
    private static final int FAUCET_ACCOUNT = 1;

    private final EthereumSession session;

    public DevnetFaucet(EthereumSession session) {
        this.session = session;
    }

    public void fund(String address, BigInteger wei, BigInteger pepe, Consumer<String> progress) throws Exception {
        if (!session.isDevnet()) {
            throw new IllegalStateException("cannot use the faucet: chain " + session.node().chainId()
                    + " is not the Ethereum devnet; fund the wallet from an exchange or another wallet");
        }
        TxManager faucet = session.signer(DevAccounts.account(FAUCET_ACCOUNT));
        if (wei.signum() > 0) {
            faucet.transfer(address, wei);
            progress.accept("sent " + Pepe.format(wei) + " ETH to " + address);
        }
        if (pepe.signum() > 0) {
            session.pepe(faucet).faucet(address, pepe).send();
            progress.accept("minted " + Pepe.format(pepe) + " PEPE to " + address);
        }
    }
}
