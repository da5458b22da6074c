package ai.based.portal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import ai.based.protocol.consensus.ConsensusResult;
import ai.based.protocol.consensus.Fixed;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The closed epochs' consensus is computed off the request, newest first, once per epoch, and only the newest few are
 * kept; a failure is reported and retried by the next request. The source stands in for the chain (what is tested here
 * is the bookkeeping; BrainConsensusRouteTest computes from a real devnet).
 */
class ClosedEpochsTest {
    private final ConcurrentLinkedQueue<Long> asked = new ConcurrentLinkedQueue<>();

    /** Brain 7 validated in every epoch; its miner 0's incentive is the epoch number (in millionths). */
    private Map<Long, ConsensusResult> consensus(long epoch) {
        asked.add(epoch);
        long[] incentive = {Fixed.fromDouble(epoch / 1e6)};
        return Map.of(7L, new ConsensusResult(new long[1], new long[1], new long[1], new long[1], incentive, new long[] {Fixed.ONE},
                new long[1][1], new long[1]));
    }

    @Test
    void aRequestNeverWaitsAndEachEpochIsComputedOnceNewestFirst() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ClosedEpochs epochs = new ClosedEpochs(epoch -> {
            release.await();
            return consensus(epoch);
        }, 3)) {
            ClosedEpochs.View first = epochs.newest(10);
            assertThat(first.computed()).as("nothing is done while the source is blocked").isEmpty();
            assertThat(first.pending()).containsExactly(9L, 8L, 7L);
            release.countDown();
            awaitTrue(() -> epochs.newest(10).pending().isEmpty());

            ClosedEpochs.View done = epochs.newest(10);
            assertThat(done.computed().keySet()).containsExactly(7L, 8L, 9L);
            assertThat(Fixed.toDouble(done.computed().get(9L).get(7L).incentive()[0])).isCloseTo(9e-6, offset(1e-9));
            assertThat(done.problem()).isNull();
            assertThat(asked).containsExactly(9L, 8L, 7L);

            // the chain moves on by two epochs: two new ones are computed, the two oldest are dropped, none recomputed
            epochs.newest(12);
            awaitTrue(() -> epochs.newest(12).pending().isEmpty());
            assertThat(epochs.newest(12).computed().keySet()).containsExactly(9L, 10L, 11L);
            assertThat(asked).containsExactly(9L, 8L, 7L, 11L, 10L);
        }
    }

    @Test
    void theFirstEpochsOfAChainAreAllThereIs() throws Exception {
        try (ClosedEpochs epochs = new ClosedEpochs(this::consensus, 4)) {
            assertThat(epochs.newest(0).pending()).as("no epoch has closed").isEmpty();
            epochs.newest(2);
            awaitTrue(() -> epochs.newest(2).pending().isEmpty());
            assertThat(epochs.newest(2).computed().keySet()).containsExactly(0L, 1L);
        }
    }

    @Test
    void aChainThatWentBackIsComputedAgain() throws Exception {
        try (ClosedEpochs epochs = new ClosedEpochs(this::consensus, 2)) {
            epochs.newest(6);
            awaitTrue(() -> epochs.newest(6).pending().isEmpty());
            // a devnet restored from older state: epoch 4 there is not the epoch 4 computed before
            assertThat(epochs.newest(5).pending()).containsExactly(4L, 3L);
            awaitTrue(() -> epochs.newest(5).pending().isEmpty());
            assertThat(epochs.newest(5).computed().keySet()).containsExactly(3L, 4L);
            assertThat(asked).containsExactly(5L, 4L, 4L, 3L);
        }
    }

    @Test
    void aFailureIsReportedAndTheNextRequestTriesAgain() throws Exception {
        AtomicBoolean nodeAway = new AtomicBoolean(true);
        try (ClosedEpochs epochs = new ClosedEpochs(epoch -> {
            if (nodeAway.get()) throw new IllegalStateException("connection refused");
            return consensus(epoch);
        }, 2)) {
            epochs.newest(5);
            awaitTrue(() -> epochs.newest(5).problem() != null);
            ClosedEpochs.View failed = epochs.newest(5);
            assertThat(failed.problem()).contains("epoch 4").contains("connection refused");
            assertThat(failed.pending()).containsExactly(4L, 3L);

            nodeAway.set(false);
            awaitTrue(() -> epochs.newest(5).pending().isEmpty());
            ClosedEpochs.View recovered = epochs.newest(5);
            assertThat(recovered.problem()).isNull();
            assertThat(recovered.computed().keySet()).containsExactly(3L, 4L);
        }
    }

    @Test
    void aClosedWorkerLeavesTheEpochsPendingWithoutFailing() {
        ClosedEpochs epochs = new ClosedEpochs(this::consensus, 2);
        epochs.close();
        assertThat(epochs.newest(3).pending()).containsExactly(2L, 1L);
        assertThat(asked).isEmpty();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) throw new AssertionError("not reached in 10 s");
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
