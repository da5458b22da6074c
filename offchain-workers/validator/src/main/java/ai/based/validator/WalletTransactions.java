package ai.based.validator;

import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wallet's transactions, one at a time. The validator's pass thread commits and reveals weights while its challenge
 * thread may deposit into the spending account, both from the validator's wallet; each transaction manager reads the
 * next nonce from the node, so two sent at once could take the same nonce and one of them would fail.
 */
public final class WalletTransactions {
    private final ReentrantLock lock = new ReentrantLock();

    /** Calls {@code transactions} (sent and awaited) while none of this wallet's other transactions runs. */
    public <T> T call(Callable<T> transactions) throws Exception {
        lock.lock();
        try {
            return transactions.call();
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #call}, for transactions that throw nothing checked. */
    public void run(Runnable transactions) {
        lock.lock();
        try {
            transactions.run();
        } finally {
            lock.unlock();
        }
    }
}
