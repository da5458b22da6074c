package ai.based.client;

import ai.based.chain.ChainIds;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.BrainNFT;
import ai.based.contracts.BrainPortal;
import ai.based.contracts.PepeCoin;
import ai.based.client.manifest.EthereumContracts;
import ai.based.client.manifest.Manifest;
import org.web3j.tx.TransactionManager;

/** The Ethereum side of a deployment, with its contract wrappers. */
public final class EthereumSession extends ChainSession {

    private EthereumSession(Manifest manifest) {
        super(manifest.ethereum());
    }

    public static EthereumSession open(Manifest manifest) {
        return new EthereumSession(manifest);
    }

    /** The PepeCoin stand-in and its faucet exist only on the Ethereum devnet. */
    public boolean isDevnet() {
        return node().chainId() == ChainIds.ETHEREUM_DEVNET;
    }

    public PepeCoin pepe(TransactionManager tx) {
        return PepeCoin.load(address(EthereumContracts.PEPE_COIN), node().web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public BrainPortal portal(TransactionManager tx) {
        return BrainPortal.load(address(EthereumContracts.BRAIN_PORTAL), node().web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public BrainNFT brains(TransactionManager tx) {
        return BrainNFT.load(address(EthereumContracts.BRAIN_NFT), node().web3j(), tx, TxManager.WRAPPER_GAS);
    }
}
