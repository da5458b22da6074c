package ai.based.runtime;

import ai.based.chain.ChainIds;
import ai.based.chain.ChainNode;
import ai.based.chain.ExternalRpcNode;
import ai.based.chain.tx.ReadOnlyTxManager;
import ai.based.chain.tx.RevertDecoder;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.BrainNFT;
import ai.based.contracts.BrainPortal;
import ai.based.contracts.PepeCoin;
import ai.based.deployment.ChainDeployment;
import ai.based.deployment.EthereumContracts;
import ai.based.deployment.Manifest;
import org.web3j.crypto.Credentials;
import org.web3j.tx.TransactionManager;

/**
 * The Ethereum side of a deployment, connected through the manifest's RPC URL after checking that the node
 * serves the manifest's chain id. Hands out contract wrappers bound to a signer or read-only.
 */
public final class EthereumSession implements AutoCloseable {
    private static final RevertDecoder REVERTS = RevertDecoder.fromClasspath();

    private final ChainDeployment deployment;
    private final ChainNode node;

    private EthereumSession(ChainDeployment deployment, ChainNode node) {
        this.deployment = deployment;
        this.node = node;
    }

    public static EthereumSession open(Manifest manifest) {
        ChainDeployment eth = manifest.ethereum();
        return new EthereumSession(eth, ExternalRpcNode.connect(eth.rpc(), eth.chainId()));
    }

    public static RevertDecoder reverts() {
        return REVERTS;
    }

    public ChainNode node() {
        return node;
    }

    public ChainDeployment deployment() {
        return deployment;
    }

    /** The PepeCoin stand-in and its faucet exist only on the Ethereum devnet. */
    public boolean isDevnet() {
        return node.chainId() == ChainIds.ETHEREUM_DEVNET;
    }

    public TxManager signer(Credentials credentials) {
        return new TxManager(node, credentials, REVERTS);
    }

    public PepeCoin pepe(TransactionManager tx) {
        return PepeCoin.load(deployment.require(EthereumContracts.PEPE_COIN), node.web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public BrainPortal portal(TransactionManager tx) {
        return BrainPortal.load(deployment.require(EthereumContracts.BRAIN_PORTAL), node.web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public BrainNFT brains(TransactionManager tx) {
        return BrainNFT.load(deployment.require(EthereumContracts.BRAIN_NFT), node.web3j(), tx, TxManager.WRAPPER_GAS);
    }

    /** For views: calls carry no signature. */
    public TransactionManager reader() {
        return new ReadOnlyTxManager(node, REVERTS);
    }

    @Override
    public void close() {
        node.close();
    }
}
