package ai.based.runtime;

import ai.based.chain.ChainNode;
import ai.based.chain.ExternalRpcNode;
import ai.based.chain.tx.ReadOnlyTxManager;
import ai.based.chain.tx.TxManager;
import ai.based.contracts.BasedToken;
import ai.based.contracts.BrainRegistry;
import ai.based.contracts.EmissionController;
import ai.based.contracts.EpochOracle;
import ai.based.contracts.GigaBrainGovernor;
import ai.based.contracts.StakeManager;
import ai.based.deployment.BasedAiContracts;
import ai.based.deployment.ChainDeployment;
import ai.based.deployment.Manifest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.tx.TransactionManager;

/**
 * The BasedAI side of a deployment, connected through the manifest's RPC URL after checking its chain id.
 * Hands out contract wrappers bound to a signer or read-only.
 */
public final class BasedSession implements AutoCloseable {
    private final ChainDeployment deployment;
    private final ChainNode node;

    private BasedSession(ChainDeployment deployment, ChainNode node) {
        this.deployment = deployment;
        this.node = node;
    }

    public static BasedSession open(Manifest manifest) {
        ChainDeployment based = manifest.basedai();
        return new BasedSession(based, ExternalRpcNode.connect(based.rpc(), based.chainId()));
    }

    public ChainNode node() {
        return node;
    }

    public ChainDeployment deployment() {
        return deployment;
    }

    public TxManager signer(Credentials credentials) {
        return new TxManager(node, credentials, EthereumSession.reverts());
    }

    public TransactionManager reader() {
        return new ReadOnlyTxManager(node, EthereumSession.reverts());
    }

    public BasedToken token(TransactionManager tx) {
        return BasedToken.load(address(BasedAiContracts.BASED_TOKEN), node.web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public BrainRegistry registry(TransactionManager tx) {
        return BrainRegistry.load(address(BasedAiContracts.BRAIN_REGISTRY), node.web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public StakeManager stakes(TransactionManager tx) {
        return StakeManager.load(address(BasedAiContracts.STAKE_MANAGER), node.web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public EmissionController emission(TransactionManager tx) {
        return EmissionController.load(address(BasedAiContracts.EMISSION_CONTROLLER), node.web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public EpochOracle oracle(TransactionManager tx) {
        return EpochOracle.load(address(BasedAiContracts.EPOCH_ORACLE), node.web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public GigaBrainGovernor governor(TransactionManager tx) {
        return GigaBrainGovernor.load(address(BasedAiContracts.GOVERNOR), node.web3j(), tx, TxManager.WRAPPER_GAS);
    }

    public String address(String contract) {
        return deployment.require(contract);
    }

    /** All logs of one event of a contract since the deployment, in chain order. */
    public List<Log> logs(String contract, String topic) throws Exception {
        EthFilter filter = new EthFilter(
                DefaultBlockParameter.valueOf(BigInteger.valueOf(deployment.deployedAtBlock())),
                DefaultBlockParameterName.LATEST, address(contract));
        filter.addSingleTopic(topic);
        EthLog response = node.web3j().ethGetLogs(filter).send();
        if (response.hasError()) {
            throw new IllegalStateException("cannot read logs of " + contract + ": " + response.getError().getMessage());
        }
        List<Log> logs = new ArrayList<>();
        for (EthLog.LogResult<?> result : response.getLogs()) logs.add((Log) result.get());
        return logs;
    }

    @Override
    public void close() {
        node.close();
    }
}
