package ai.based.chain.tx;

import ai.based.chain.ChainNode;
import java.io.IOException;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.tx.ReadonlyTransactionManager;

/** For wrappers that only read: calls carry no signature, and reverts come back decoded. */
public final class ReadOnlyTxManager extends ReadonlyTransactionManager {
    private static final String NOBODY = "0x0000000000000000000000000000000000000000";

    private final ChainNode node;
    private final RevertDecoder reverts;

    public ReadOnlyTxManager(ChainNode node, RevertDecoder reverts) {
        super(node.web3j(), NOBODY);
        this.node = node;
        this.reverts = reverts;
    }

    @Override
    public String sendCall(String to, String data, DefaultBlockParameter block) throws IOException {
        EthCall call = node.web3j().ethCall(Transaction.createEthCallTransaction(NOBODY, to, data), block).send();
        reverts.requireSuccess("call to " + to, call);
        return call.getValue();
    }
}
