package ai.based.client.devnet;

import ai.based.chain.ChainIds;
import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.tx.TxManager;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
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

    public static final BigInteger DEFAULT_BASED = Pepe.units(10_000);

    private final EthereumSession session;

    public DevnetFaucet(EthereumSession session) {
        this.session = session;
    }

    /**
     * Funds a wallet on the BasedAI devnet: its native coin for gas and BASED from the faucet account's genesis
     * allocation (BASED itself is minted only by emission and, later, the bridge).
     */
    public static void fundBased(BasedSession basedai, String address, BigInteger wei, BigInteger based,
            Consumer<String> progress) throws Exception {
        if (basedai.node().chainId() != ChainIds.BASEDAI_DEVNET) {
            throw new IllegalStateException("cannot use the faucet: chain " + basedai.node().chainId() + " is not the BasedAI devnet");
        }
        TxManager faucet = basedai.signer(DevAccounts.account(FAUCET_ACCOUNT));
        if (wei.signum() > 0) faucet.transfer(address, wei);
        if (based.signum() > 0) {
            basedai.token(faucet).transfer(address, based).send();
            progress.accept("sent " + Pepe.format(based) + " BASED to " + address + " on the BasedAI devnet");
        }
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
