package ai.based.relayer;

import ai.based.bridge.BridgeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.web3j.utils.Numeric;

/**
 * Turns the messages a relayer may submit into batches that no single message can sink. Batches are cut by the sum of
 * the messages' own gas limits, so that a burst of messages asking for much gas (gas guzzlers) still fits a block.
 * Every batch is simulated before it is signed (the signer's gas estimate runs it against the latest state); the
 * messenger records a failing target call as failed instead of reverting, so a batch whose simulation still reverts
 * holds a message that cannot even be recorded. The relayer then simulates and sends its messages one by one, and one
 * that reverts alone is quarantined here, with a log line and the {@link #quarantined} metric: it goes alone on later
 * passes (released when it relays), while every other message keeps flowing in batches.
 *
 * <p>Each message is simulated alone only when its batch fails: simulating every message alone up front cost a quarter
 * of the relayer's throughput on the devnet benchmark, for the same guarantee.
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
    /**
     * Calldata one relay transaction may carry: nodes refuse transactions over 128 KB (geth's pool limit), and the
     * messenger caps a message's data at 32 KB, so a batch cut here always fits, signatures and encoding included.
     */
    static final long BATCH_CALLDATA_BUDGET = 96 * 1024;
    /** ABI words a message takes in a relay call beside its data: its fields, offsets and two signatures. */
    private static final long WORDS_PER_MESSAGE = 24;

    /** A message with the quorum of signatures it is submitted with. */
    record Ready(BridgeMessage message, List<byte[]> signatures) {
        String hash() {
            return Numeric.toHexString(message.hash());
        }
    }

    private final Consumer<String> log;
    private final Set<String> quarantined = ConcurrentHashMap.newKeySet();

    BatchAssembler(Consumer<String> log) {
        this.log = log;
    }

    /** Messages whose relay reverted even when sent alone, and has not succeeded since. */
    int quarantined() {
        return quarantined.size();
    }

    /** Gas-bounded batches of the messages in good standing, then each quarantined message alone. */
    List<List<Ready>> assemble(List<Ready> ready) {
        List<Ready> fine = new ArrayList<>();
        List<List<Ready>> alone = new ArrayList<>();
        for (Ready r : ready) {
            if (quarantined.contains(r.hash())) alone.add(List.of(r));
            else fine.add(r);
        }
        List<List<Ready>> batches = plan(fine);
        batches.addAll(alone);
        return batches;
    }

    /** Greedy, in order: a new batch starts when the next message would pass the gas budget or the count limit. */
    static List<List<Ready>> plan(List<Ready> relayable) {
        List<List<Ready>> batches = new ArrayList<>();
        List<Ready> batch = new ArrayList<>();
        long gas = 0;
        long bytes = 0;
        for (Ready r : relayable) {
            long need = relayGas(r.message());
            long size = calldataBytes(r.message());
            if (!batch.isEmpty() && (gas + need > BATCH_GAS_BUDGET || bytes + size > BATCH_CALLDATA_BUDGET
                    || batch.size() == MAX_BATCH)) {
                batches.add(batch);
                batch = new ArrayList<>();
                gas = 0;
                bytes = 0;
            }
            batch.add(r);
            gas += need;
            bytes += size;
        }
        if (!batch.isEmpty()) batches.add(batch);
        return batches;
    }

    /**
     * What relaying {@code message} costs at most: its gas limit, the 1/64 a CALL keeps back, the overhead, and its
     * calldata at 16 gas a byte.
     */
    static long relayGas(BridgeMessage message) {
        return message.gasLimit() + message.gasLimit() / 63 + PER_MESSAGE_OVERHEAD + 16 * calldataBytes(message);
    }

    /** The bytes a message adds to a relay call: its data padded to words, and its other words. */
    static long calldataBytes(BridgeMessage message) {
        return 32 * (WORDS_PER_MESSAGE + (message.data().length + 31) / 32);
    }

    /** Records that a message's relay reverts even when it is sent alone; logged once. */
    void quarantine(Ready r, Exception why) {
        if (quarantined.add(r.hash())) {
            log.accept("message " + r.hash() + " quarantined: relaying it alone reverts (" + why.getMessage()
                    + "); the other messages keep flowing");
        }
    }

    /** The messages of a batch that was submitted: any quarantined one among them is released. */
    void relayed(List<Ready> batch) {
        for (Ready r : batch) delivered(r.hash());
    }

    /** A message seen delivered on its destination, by this relayer or another: released should it be quarantined. */
    void delivered(String hash) {
        if (quarantined.remove(hash)) log.accept("message " + hash + " delivered after all; released from quarantine");
    }
}
