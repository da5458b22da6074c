package ai.based.client;

import ai.based.chain.ChainNode;
import ai.based.chain.ExternalRpcNode;
import ai.based.chain.tx.ReadOnlyTxManager;
import ai.based.chain.tx.RevertDecoder;
import ai.based.chain.tx.TxManager;
import ai.based.client.manifest.ChainDeployment;
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
 * One chain of a deployment, connected through the manifest's RPC URL after checking that the node serves the
 * manifest's chain id; the base of the Ethereum and BasedAI sessions, which add their contract wrappers.
 */
public abstract class ChainSession implements AutoCloseable {
    private static final RevertDecoder REVERTS = RevertDecoder.fromClasspath();

    private final ChainDeployment deployment;
    private final ChainNode node;

    protected ChainSession(ChainDeployment deployment) {
        this.deployment = deployment;
        this.node = ExternalRpcNode.connect(deployment.rpc(), deployment.chainId());
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

    public TxManager signer(Credentials credentials) {
        return new TxManager(node, credentials, REVERTS);
    }

    /** For views: calls carry no signature, reverts come back decoded. */
    public TransactionManager reader() {
        return new ReadOnlyTxManager(node, REVERTS);
    }

    public String address(String contract) {
        return deployment.require(contract);
    }

    /** All logs of one event of a contract since the deployment, in chain order. */
    public List<Log> logs(String contract, String topic) throws Exception {
        return logs(contract, topic, DefaultBlockParameter.valueOf(BigInteger.valueOf(deployment.deployedAtBlock())),
                DefaultBlockParameterName.LATEST);
    }

    /** Logs of one event of a contract in blocks [from, to], in chain order. */
    public List<Log> logs(String contract, String topic, long from, long to) throws Exception {
        return logs(contract, topic, DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)));
    }

    private List<Log> logs(String contract, String topic, DefaultBlockParameter from, DefaultBlockParameter to) throws Exception {
        EthFilter filter = new EthFilter(from, to, address(contract));
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
