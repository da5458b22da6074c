package ai.based.validator;

import ai.based.miner.remote.MinerException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each challenge's exchange with a miner on a thread of its own, bounded by the challenge's deadline, and turns
 * whatever the miner made of it into the reason it scores zero. A thread per challenge: an exchange abandoned at its
 * deadline (stuck in a read the abort cannot reach) never holds up the next challenge.
 */
final class ChallengeRunner implements AutoCloseable {
    private final ExecutorService threads;

    ChallengeRunner(String threadName) {
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs the exchange to its end or to the deadline.
     *
     * @return empty when the exchange finished; otherwise why the miner scores zero
     * @throws ValidatorSideException when the failure was the validator's own (its payer, its keys)
     */
    Optional<String> run(MinerExchange exchange, Duration deadline) throws InterruptedException {
        Future<Void> running = threads.submit(() -> {
            exchange.run();
            return null;
        });
        try {
            running.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            running.cancel(true);
            exchange.abort();
            return Optional.of("no answer within the challenge's deadline of " + deadline.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ValidatorSideException own) throw own;
            if (cause instanceof MinerException || cause instanceof IllegalArgumentException || cause instanceof MinerRefusedException) {
                return Optional.of(cause.getMessage());
            }
            return Optional.of("the exchange failed: " + cause);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
