package ai.based.relayer;

import ai.based.bridge.BridgeMessage;
import ai.based.bridge.MessengerEnd;
import ai.based.chain.ChainException;
import ai.based.chain.tx.TxManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.utils.Numeric;

/**
 * Turns the messages a relayer may submit into batches that no single message can sink. Each message is first
 * simulated alone (an eth_call of relayMessages with just that message): the messenger records a failing target call
 * as failed rather than reverting, so a message whose relay still reverts cannot even be recorded; it is quarantined,
 * with a log line and the {@link #quarantined} metric, and every other message keeps flowing. Batches are then cut by
 * the sum of the messages' own gas limits, so that a burst of messages asking for much gas (gas guzzlers) still fits
 * a block.
 */
final class BatchAssembler {
    /**
     * Gas one relay transaction may plan for when every target used all of its limit; with the signer's 20% estimate
     * margin it still fits a 30 M gas block (anvil's default and Ethereum's).
     */
    static final long BATCH_GAS_BUDGET = 24_000_000;
    /**
     * Gas a message costs the relay beyond its own limit: the quorum check, hashing and decoding, recording the outcome
     * (the messenger's RELAY_RESERVED_GAS, which must be there before each call and is mostly spent on that record).
     */
    static final long PER_MESSAGE_OVERHEAD = 60_000;
    static final int MAX_BATCH = 100;

    /** A message with the quorum of signatures it is submitted with. */
    record Ready(BridgeMessage message, List<byte[]> signatures) {
        String hash() {
            return Numeric.toHexString(message.hash());
        }
    }

    private final Consumer<String> log;
    private final Set<String> simulatedFine = new HashSet<>();
    private final Set<String> quarantined = ConcurrentHashMap.newKeySet();

    BatchAssembler(Consumer<String> log) {
        this.log = log;
    }

    /** Messages whose relay would revert even alone, as of their last simulation. */
    int quarantined() {
        return quarantined.size();
    }

    /** Simulates every message not yet known to be relayable and returns the relayable ones in gas-bounded batches. */
    List<List<Ready>> assemble(MessengerEnd destination, TxManager signer, List<Ready> ready) {
        List<Ready> relayable = new ArrayList<>();
        for (Ready r : ready) {
            if (simulatedFine.contains(r.hash()) || simulate(destination, signer, r)) relayable.add(r);
        }
        return plan(relayable);
    }

    /** Greedy, in order: a new batch starts when the next message would pass the gas budget or the count limit. */
    static List<List<Ready>> plan(List<Ready> relayable) {
        List<List<Ready>> batches = new ArrayList<>();
        List<Ready> batch = new ArrayList<>();
        long gas = 0;
        for (Ready r : relayable) {
            long need = relayGas(r.message());
            if (!batch.isEmpty() && (gas + need > BATCH_GAS_BUDGET || batch.size() == MAX_BATCH)) {
                batches.add(batch);
                batch = new ArrayList<>();
                gas = 0;
            }
            batch.add(r);
            gas += need;
        }
        if (!batch.isEmpty()) batches.add(batch);
        return batches;
    }

    /** What relaying {@code message} costs at most: its gas limit, the 1/64 a CALL keeps back, and the overhead. */
    static long relayGas(BridgeMessage message) {
        return message.gasLimit() + message.gasLimit() / 63 + PER_MESSAGE_OVERHEAD;
    }

    /** Records that a message's relay reverted even when sent alone; it is simulated again on a later pass. */
    void quarantine(Ready r, Exception why) {
        simulatedFine.remove(r.hash());
        if (quarantined.add(r.hash())) {
            log.accept("message " + r.hash() + " quarantined: relaying it alone reverts (" + why.getMessage()
                    + "); the other messages keep flowing");
        }
    }

    /** A batch that reverts as a whole is split: its messages are simulated again before they are batched next. */
    void forget(List<Ready> batch) {
        for (Ready r : batch) simulatedFine.remove(r.hash());
    }

    private boolean simulate(MessengerEnd destination, TxManager signer, Ready r) {
        try {
            signer.sendCall(destination.address(), destination.batchCall(List.of(r.message()), List.of(r.signatures())),
                    DefaultBlockParameterName.LATEST);
        } catch (ChainException | java.io.IOException e) {
            quarantine(r, e);
            return false;
        }
        if (quarantined.remove(r.hash())) log.accept("message " + r.hash() + " is relayable again; released from quarantine");
        simulatedFine.add(r.hash());
        return true;
    }
}
