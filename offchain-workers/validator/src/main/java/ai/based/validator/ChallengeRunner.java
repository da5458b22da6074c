package ai.based.validator;

import ai.based.miner.remote.MinerException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs each challenge's exchange with a miner on a thread of its own, bounded by the challenge's deadline, and turns
 * whatever the miner made of it into the reason it scores zero. A thread per challenge: an exchange abandoned at its
 * deadline (stuck in a read the abort cannot reach) never holds up the next challenge. {@link #cancel} abandons the
 * exchange in flight the same way, when the validator stops.
 */
final class ChallengeRunner implements AutoCloseable {
    /** The reason an exchange cut short by {@link #cancel} ends with; its caller records no score for it. */
    private static final String CANCELLED = "abandoned: the validator is stopping";

    private final ExecutorService threads;
    private boolean cancelled; // guarded by this, as inFlight: a cancel either finds the exchange or stops it starting
    private InFlight inFlight;

    /** An exchange running on its thread, and how to give up on it. */
    private record InFlight(Future<Void> running, MinerExchange exchange) {
        void abandon() {
            running.cancel(true);
            exchange.abort();
        }
    }

    ChallengeRunner(String threadName) {
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs the exchange to its end, to the deadline or to {@link #cancel}.
     *
     * @return empty when the exchange finished; otherwise why the miner scores zero, or {@link #CANCELLED}
     * @throws ValidatorSideException when the failure was the validator's own (its payer, its keys)
     */
    Optional<String> run(MinerExchange exchange, Duration deadline) throws InterruptedException {
        InFlight running = start(exchange);
        if (running == null) return Optional.of(CANCELLED);
        try {
            running.running().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (CancellationException e) {
            return Optional.of(CANCELLED);
        } catch (TimeoutException e) {
            running.abandon();
            return Optional.of("no answer within the challenge's deadline of " + deadline.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ValidatorSideException own) throw own;
            if (cause instanceof MinerException || cause instanceof IllegalArgumentException || cause instanceof MinerRefusedException) {
                return Optional.of(cause.getMessage());
            }
            return Optional.of("the exchange failed: " + cause);
        } finally {
            synchronized (this) {
                inFlight = null;
            }
        }
    }

    /** The exchange on its thread, or null when the runner was cancelled: no exchange starts after that. */
    private synchronized InFlight start(MinerExchange exchange) {
        if (cancelled) return null;
        inFlight = new InFlight(threads.submit(() -> {
            exchange.run();
            return null;
        }), exchange);
        return inFlight;
    }

    /**
     * Abandons the exchange in flight, as its deadline would (the session closed, the thread interrupted), and every
     * later one before it starts; returns at once. The validator is stopping: it must not wait on a miner for that.
     */
    void cancel() {
        InFlight current;
        synchronized (this) {
            cancelled = true;
            current = inFlight;
        }
        if (current != null) current.abandon();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
