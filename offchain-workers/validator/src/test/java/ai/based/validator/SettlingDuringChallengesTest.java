package ai.based.validator;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.protocol.scoring.Score;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The validator's pass looks at the chain while its challenge runs (the reveal itself is tested against the contract in
 * {@link WeightSetterTest}): a chain that fails meanwhile costs neither the challenge nor the pass, and is reported
 * once rather than at every look.
 */
class SettlingDuringChallengesTest {
    private static final MinerTarget MINER = new MinerTarget(3, "0x00000000000000000000000000000000000000aa", URI.create("https://127.0.0.1:9"),
            new byte[32]);

    @Test
    void aChainThatFailsDuringTheChallengeIsReportedOnceAndTheScoreIsKept() throws Exception {
        AtomicInteger looks = new AtomicInteger();
        WeightsLooks failing = new WeightsLooks(() -> {
            looks.incrementAndGet();
            throw new IllegalStateException("the BasedAI node at http://127.0.0.1:1 is unreachable");
        });
        List<String> log = new CopyOnWriteArrayList<>();
        try (ValidatorService validator = new ValidatorService(() -> List.of(MINER), new TimedChallenger(Duration.ofMillis(600)), failing, 0.5,
                log::add, Duration.ofMillis(50))) {
            validator.pass();
            assertThat(looks.get()).as("looked at the chain several times during the challenge").isGreaterThan(2);
            assertThat(log).filteredOn(line -> line.startsWith("could not settle the weights during a challenge")).hasSize(1)
                    .allMatch(line -> line.contains("unreachable"));
            assertThat(log).anyMatch(line -> line.startsWith("challenged miner uid 3") && line.contains("score 0.800"));
            assertThat(validator.currentWeights().uids()).containsExactly(3);
            assertThat(failing.settled).as("the pass's own settlement ran before the challenge").isEqualTo(1);
        }
    }

    @Test
    void aStopDuringTheChallengeEndsThePassPromptlyWithoutScoring() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        MinerChallenger waitsForCancel = new MinerChallenger() {
            @Override
            public Result challenge(MinerTarget target) throws InterruptedException {
                started.countDown();
                cancelled.await();
                return new Result(new Score(0, "abandoned"), Duration.ZERO, "nothing");
            }

            @Override
            public void cancel() {
                cancelled.countDown();
            }

            @Override
            public void close() {}
        };
        List<String> log = new CopyOnWriteArrayList<>();
        try (ValidatorService validator = new ValidatorService(() -> List.of(MINER), waitsForCancel, new WeightsLooks(() -> {}), 0.5, log::add,
                Duration.ofMillis(50))) {
            Thread pass = Thread.ofPlatform().start(() -> {
                try {
                    validator.pass();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            validator.cancel();
            pass.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(pass.isAlive()).as("the pass ended after the stop").isFalse();
            assertThat(log).containsExactly("abandoned the challenge of " + MINER.label() + ": the validator is stopping");
            assertThat(validator.currentWeights().isEmpty()).isTrue();
        }
    }

    @Test
    void aLookAtTheChainMustHaveAPeriod() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ValidatorService(List::of, new TimedChallenger(Duration.ZERO),
                new WeightsLooks(() -> {}), 0.5, line -> {}, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("settleEvery must be positive");
    }

    /** Scores 0.8 after {@code takes}. */
    private record TimedChallenger(Duration takes) implements MinerChallenger {
        @Override
        public Result challenge(MinerTarget target) throws InterruptedException {
            Thread.sleep(takes.toMillis());
            return new Result(new Score(0.8, "close"), takes, "1 tokens");
        }

        @Override
        public void cancel() {}

        @Override
        public void close() {}
    }

    /** Counts the pass's settlements; a look during a challenge runs {@code look}. */
    private static final class WeightsLooks implements ValidatorService.WeightsStep {
        private final Runnable look;
        int settled;

        WeightsLooks(Runnable look) {
            this.look = look;
        }

        @Override
        public void settle(Supplier<WeightSetter.Weights> current) {
            settled++;
        }

        @Override
        public void settleIfEpochMoved(Supplier<WeightSetter.Weights> current) {
            look.run();
        }

        @Override
        public JsonObject metrics() {
            return new JsonObject();
        }
    }
}
