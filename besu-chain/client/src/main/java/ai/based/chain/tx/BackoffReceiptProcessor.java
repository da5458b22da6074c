package ai.based.chain.tx;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * Waits for a receipt polling at 1 ms, then doubling up to a ceiling. An automining devnet has the receipt
 * within a millisecond or two while a 10 s chain needs patience; a fixed interval is wrong for one of them
 * (a 50 ms poll made each devnet transaction cost about 50 ms).
 */
final class BackoffReceiptProcessor extends TransactionReceiptProcessor {
    private static final long FIRST_POLL_MS = 1;
    private static final long MAX_POLL_MS = 250;

    private final Web3j web3j;
    private final Duration timeout;

    BackoffReceiptProcessor(Web3j web3j, Duration timeout) {
        super(web3j);
        this.web3j = web3j;
        this.timeout = timeout;
    }

    @Override
    public TransactionReceipt waitForTransactionReceipt(String transactionHash)
            throws IOException, TransactionException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pollMs = FIRST_POLL_MS;
        while (true) {
            EthGetTransactionReceipt response = web3j.ethGetTransactionReceipt(transactionHash).send();
            if (response.hasError()) {
                throw new TransactionException("cannot read the receipt of " + transactionHash + ": "
                        + response.getError().getMessage(), transactionHash);
            }
            Optional<TransactionReceipt> receipt = response.getTransactionReceipt();
            if (receipt.isPresent()) return receipt.get();
            if (System.nanoTime() > deadline) {
                throw new TransactionException("no receipt for " + transactionHash + " after "
                        + timeout.toSeconds() + " s; the transaction may still be pending", transactionHash);
            }
            try {
                Thread.sleep(pollMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransactionException("interrupted while waiting for " + transactionHash, transactionHash);
            }
            pollMs = Math.min(MAX_POLL_MS, pollMs * 2);
        }
    }
}
