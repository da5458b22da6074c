package ai.based.bridge;

import ai.based.chain.tx.TxManager;
import ai.based.contracts.BasedMessenger;
import ai.based.contracts.EthereumMessenger;
import ai.based.deployment.BridgeContracts;
import ai.based.runtime.ChainSession;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;

/**
 * One chain's messenger as a relayer sees it: the messages it sent, whether it executed one, and relaying into
 * it. Both ends share the CrossDomainMessenger ABI; the Ethereum wrapper serves for either address.
 */
public final class MessengerEnd {
    private final ChainSession session;
    private final String contractName;
    private final String eip712Name;

    private MessengerEnd(ChainSession session, String contractName, String eip712Name) {
        this.session = session;
        this.contractName = contractName;
        this.eip712Name = eip712Name;
    }

    public static MessengerEnd ethereum(ChainSession session) {
        return new MessengerEnd(session, BridgeContracts.ETHEREUM_MESSENGER, "BasedAI Ethereum Messenger");
    }

    public static MessengerEnd basedai(ChainSession session) {
        return new MessengerEnd(session, BridgeContracts.BASED_MESSENGER, "BasedAI BasedAI Messenger");
    }

    public ChainSession session() {
        return session;
    }

    public String address() {
        return session.address(contractName);
    }

    public EthereumMessenger contract(TransactionManager tx) {
        return EthereumMessenger.load(address(), session.node().web3j(), tx, TxManager.WRAPPER_GAS);
    }

    /** Messages sent from this end whose block is at least {@code confirmations} deep. */
    public List<BridgeMessage> sent(long confirmations) throws Exception {
        long head = session.node().blockNumber().longValueExact();
        long remote = contract(session.reader()).REMOTE_CHAIN_ID().send().longValueExact();
        List<BridgeMessage> messages = new ArrayList<>();
        for (Log log : session.logs(contractName, EventEncoder.encode(BasedMessenger.SENTMESSAGE_EVENT))) {
            if (head - log.getBlockNumber().longValueExact() < confirmations) continue;
            EthereumMessenger.SentMessageEventResponse e = EthereumMessenger.getSentMessageEventFromLog(log);
            messages.add(new BridgeMessage(e.messageHash, session.node().chainId(), remote, e.nonce, e.sender, e.target,
                    e.value, e.data, log.getBlockNumber().longValueExact()));
        }
        return messages;
    }

    public boolean executed(byte[] messageHash) throws Exception {
        return contract(session.reader()).successfulMessages(messageHash).send();
    }

    public boolean failed(byte[] messageHash) throws Exception {
        return contract(session.reader()).failedMessages(messageHash).send();
    }

    /** The digest relayers sign for delivering {@code message} into this end. */
    public byte[] digest(BridgeMessage message) {
        return RelayDigest.digest(eip712Name, session.node().chainId(), address(), message.hash());
    }

    public TransactionReceipt relay(TransactionManager submitter, BridgeMessage m, List<byte[]> signatures) throws Exception {
        return EthereumMessenger.load(address(), session.node().web3j(), submitter, TxManager.WRAPPER_GAS)
                .relayMessage(BigInteger.valueOf(m.sourceChainId()), BigInteger.valueOf(m.destinationChainId()), m.nonce(),
                        m.sender(), m.target(), m.value(), m.data(), signatures).send();
    }
}
