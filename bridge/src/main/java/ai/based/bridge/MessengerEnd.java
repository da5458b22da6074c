package ai.based.bridge;

import ai.based.chain.tx.TxManager;
import ai.based.contracts.BasedMessenger;
import ai.based.contracts.EthereumMessenger;
import ai.based.client.manifest.BridgeContracts;
import ai.based.client.ChainSession;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.utils.Numeric;

/**
 * One chain's messenger as a relayer sees it: the messages it sent, whether it executed one, and relaying into
 * it. Both ends share the CrossDomainMessenger ABI; the Ethereum wrapper serves for either address.
 */
public final class MessengerEnd {
    private final ChainSession session;
    private final String contractName;
    private final String eip712Name;
    private long remoteChainId = -1;
    private volatile byte[] domain;

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
        long head = head();
        return sent(session.deployment().deployedAtBlock(), head - confirmations);
    }

    /** Messages sent from this end in blocks [from, to], in chain order. */
    public List<BridgeMessage> sent(long from, long to) throws Exception {
        if (to < from) return List.of();
        long remote = remoteChainId();
        List<BridgeMessage> messages = new ArrayList<>();
        for (Log log : session.logs(contractName, EventEncoder.encode(BasedMessenger.SENTMESSAGE_EVENT), from, to)) {
            EthereumMessenger.SentMessageEventResponse e = EthereumMessenger.getSentMessageEventFromLog(log);
            messages.add(new BridgeMessage(e.messageHash, session.node().chainId(), remote, e.nonce, e.sender, e.target,
                    e.value, e.data, log.getBlockNumber().longValueExact()));
        }
        return messages;
    }

    /**
     * Names this deployment of the messenger: chain id, address and the hash of the deployment block. A devnet
     * recreated from scratch redeploys at the same addresses, but its blocks hash differently.
     */
    public String fingerprint() throws Exception {
        var block = session.node().web3j().ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(
                BigInteger.valueOf(session.deployment().deployedAtBlock())), false).send().getBlock();
        return chainId() + ":" + address().toLowerCase() + ":" + (block == null ? "missing" : block.getHash());
    }

    public long head() {
        return session.node().blockNumber().longValueExact();
    }

    /** Fails with a clear message when the node now serves another chain than the one this end was opened on. */
    public void verifyChain() throws Exception {
        long actual = session.node().web3j().ethChainId().send().getChainId().longValueExact();
        if (actual != chainId()) throw ai.based.chain.ChainException.wrongChain(session.node().rpcUrl(), chainId(), actual);
    }

    public long chainId() {
        return session.node().chainId();
    }

    private long remoteChainId() throws Exception {
        if (remoteChainId < 0) remoteChainId = contract(session.reader()).REMOTE_CHAIN_ID().send().longValueExact();
        return remoteChainId;
    }

    /** The relayer set this end accepts signatures from, lower-case addresses, and how many a message needs. */
    public RelayerSet relayerSet() throws Exception {
        var messenger = contract(session.reader());
        @SuppressWarnings("unchecked")
        List<String> members = messenger.relayers().send();
        return new RelayerSet(members.stream().map(String::toLowerCase).toList(), messenger.threshold().send().intValueExact());
    }

    /** Call data of relayMessages for a batch of messages from one source chain, each with its quorum of signatures. */
    public String batchCall(List<BridgeMessage> batch, List<List<byte[]>> signatures) {
        int perMessage = signatures.getFirst().size();
        List<byte[]> encoded = new ArrayList<>();
        List<byte[]> flat = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            BridgeMessage m = batch.get(i);
            encoded.add(Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(List.of(new Uint256(m.nonce()),
                    new Address(m.sender()), new Address(m.target()), new DynamicBytes(m.data())))));
            if (signatures.get(i).size() != perMessage) throw new IllegalArgumentException("every message needs " + perMessage + " signatures");
            flat.addAll(signatures.get(i));
        }
        return contract(session.reader()).relayMessages(BigInteger.valueOf(batch.getFirst().sourceChainId()), encoded, flat,
                BigInteger.valueOf(perMessage)).encodeFunctionCall();
    }

    /**
     * Hashes of the messages this end executed or recorded as failed in blocks [from, to], lower-case hex: one log
     * query instead of two calls per message.
     */
    public Set<String> delivered(long from, long to) throws Exception {
        Set<String> hashes = new HashSet<>();
        if (to < from) return hashes;
        for (var event : List.of(BasedMessenger.RELAYEDMESSAGE_EVENT, BasedMessenger.FAILEDRELAYEDMESSAGE_EVENT)) {
            for (Log log : session.logs(contractName, EventEncoder.encode(event), from, to)) hashes.add(log.getTopics().get(1).toLowerCase());
        }
        return hashes;
    }

    public boolean executed(byte[] messageHash) throws Exception {
        return contract(session.reader()).successfulMessages(messageHash).send();
    }

    public boolean failed(byte[] messageHash) throws Exception {
        return contract(session.reader()).failedMessages(messageHash).send();
    }

    /** The digest relayers sign for delivering {@code message} into this end. */
    public byte[] digest(BridgeMessage message) {
        if (domain == null) domain = RelayDigest.domain(eip712Name, session.node().chainId(), address());
        return RelayDigest.digest(domain, message.hash());
    }

    public TransactionReceipt relay(TransactionManager submitter, BridgeMessage m, List<byte[]> signatures) throws Exception {
        return EthereumMessenger.load(address(), session.node().web3j(), submitter, TxManager.WRAPPER_GAS)
                .relayMessage(BigInteger.valueOf(m.sourceChainId()), BigInteger.valueOf(m.destinationChainId()), m.nonce(),
                        m.sender(), m.target(), m.value(), m.data(), signatures).send();
    }
}
