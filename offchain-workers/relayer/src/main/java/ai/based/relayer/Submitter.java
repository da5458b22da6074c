package ai.based.relayer;

import ai.based.bridge.BridgeMessage;
import ai.based.bridge.MessengerEnd;

import ai.based.relayer.RelayerStore.StoredTx;
import ai.based.relayer.RelayerStore.TxState;
import ai.based.chain.tx.NonceTakenException;
import ai.based.chain.tx.SignedTransaction;
import ai.based.chain.tx.TxManager;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Submits relay batches so that a crash at any point leads to exactly one execution: the signed transaction is
 * stored before it is broadcast, and whatever a previous run left signed or sent is settled first, by re-broadcasting
 * the same bytes (same nonce) until it is mined. Broadcasts are retried a bounded number of times; a transaction
 * that can never be mined (its nonce taken, or too many attempts) releases its messages for a fresh submission,
 * where the messenger's successfulMessages keeps a late duplicate from executing twice.
 */
final class Submitter {
    static final int MAX_BROADCASTS = 20;
    private static final Duration RECEIPT_WAIT = Duration.ofSeconds(20);

    private final RelayerStore store;
    private final Failpoints failpoints;
    private final Consumer<String> log;

    Submitter(RelayerStore store, Failpoints failpoints, Consumer<String> log) {
        this.store = store;
        this.failpoints = failpoints;
        this.log = log;
    }

    /**
     * Settles every stored transaction that is not yet mined; must run before anything new is signed for a chain, as
     * a stored transaction holds the account's next nonce. Returns how many are still in flight.
     */
    int recover(Map<Long, TxManager> signers) throws Exception {
        int inFlight = 0;
        for (StoredTx stored : store.unsettled()) {
            TxManager signer = signers.get(stored.chainId());
            if (signer == null) continue;
            SignedTransaction tx = stored.tx();
            if (settleIfMined(signer, tx)) continue;
            if (store.countAttempt(tx.hash()) > MAX_BROADCASTS) {
                log.accept("giving up on transaction " + tx.hash() + " after " + MAX_BROADCASTS + " broadcasts; its messages will be resubmitted");
                store.release(tx.hash());
                continue;
            }
            try {
                signer.broadcast(tx);
                store.setState(tx.hash(), TxState.SENT);
                inFlight++;
            } catch (NonceTakenException e) {
                log.accept(e.getMessage() + "; its messages will be resubmitted");
                store.release(tx.hash());
            }
        }
        return inFlight;
    }

    /** Signs, stores and broadcasts one batch, then waits a bounded time for its receipt. */
    void submit(MessengerEnd destination, TxManager signer, List<BridgeMessage> batch, List<List<byte[]>> signatures) throws Exception {
        String data = destination.batchCall(batch, signatures);
        SignedTransaction tx = signer.sign(destination.address(), data, BigInteger.ZERO);
        store.saveSigned(signer.chainId(), tx, batch.stream().map(m -> Numeric.toHexString(m.hash())).toList());
        failpoints.hit(Failpoints.AFTER_SIGN);
        signer.broadcast(tx);
        store.setState(tx.hash(), TxState.SENT);
        failpoints.hit(Failpoints.AFTER_SUBMIT);
        long deadline = System.nanoTime() + RECEIPT_WAIT.toNanos();
        long pollMs = 1;
        while (!settleIfMined(signer, tx) && System.nanoTime() < deadline) {
            Thread.sleep(pollMs);
            pollMs = Math.min(250, pollMs * 2);
        }
    }

    private boolean settleIfMined(TxManager signer, SignedTransaction tx) throws Exception {
        Optional<TransactionReceipt> receipt = signer.receipt(tx.hash());
        if (receipt.isEmpty()) return false;
        if (receipt.get().isStatusOK()) {
            store.setState(tx.hash(), TxState.SETTLED);
        } else {
            log.accept("relay transaction " + tx.hash() + " reverted on chain " + signer.chainId() + "; its messages will be resubmitted");
            store.release(tx.hash());
        }
        return true;
    }
}
