package ai.based.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner's cancel, with exchanges that stand in for a miner who never answers: the only way out is the cancel. */
class ChallengeRunnerTest {
    private static final Duration AN_HOUR = Duration.ofHours(1);
    private final ChallengeRunner runner = new ChallengeRunner("runner-test");

    @AfterEach
    void close() {
        runner.close();
    }

    /** Waits for an answer that never comes; counts its starts, and says when it was interrupted. */
    private static final class Unanswered extends MinerExchange {
        final AtomicInteger starts = new AtomicInteger();
        final CountDownLatch waiting = new CountDownLatch(1);
        final CountDownLatch interrupted = new CountDownLatch(1);

        Unanswered() {
            super(new MinerTarget(0, "0x00000000000000000000000000000000000000aa", URI.create("https://127.0.0.1:1"), new byte[32]), new FreeRides());
        }

        @Override
        void run() {
            starts.incrementAndGet();
            waiting.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }
    }

    @Test
    void cancelAbandonsTheExchangeInFlightLongBeforeItsDeadline() throws Exception {
        Unanswered exchange = new Unanswered();
        CompletableFuture<Optional<String>> ran = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(exchange, AN_HOUR);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(exchange.waiting.await(30, TimeUnit.SECONDS)).isTrue();
        runner.cancel();
        assertThat(ran.get(30, TimeUnit.SECONDS)).hasValueSatisfying(reason -> assertThat(reason).contains("the validator is stopping"));
        assertThat(exchange.interrupted.await(30, TimeUnit.SECONDS)).as("the exchange's thread is told to give up too").isTrue();
    }

    @Test
    void noExchangeStartsAfterACancel() throws Exception {
        runner.cancel();
        Unanswered exchange = new Unanswered();
        assertThat(runner.run(exchange, AN_HOUR)).hasValueSatisfying(reason -> assertThat(reason).contains("the validator is stopping"));
        assertThat(exchange.starts.get()).isZero();
    }
}
