package ai.based.protocol.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever a miner sends back, the validator gets a finite score in [0, 1] and its average stays clean. */
class HostileAnswersPropertiesTest {
    private static final LogitScorer SCORER = new LogitScorer(new ScoringParameters(0.05, Duration.ofMillis(100), Duration.ofSeconds(2)));
    private static final double[][] REFERENCE = {{0.5, -1, 3, 2.9, 0}, {1, 1, 1, 1, 2}};

    @Property(tries = 500)
    void anyAnswerScoresAFiniteValueTheAverageAccepts(@ForAll("answers") double[][] answer, @ForAll("latencies") Duration latency) {
        Score score = SCORER.score(REFERENCE, ChallengeOutcome.answered(answer, latency));
        assertThat(score.value()).isFinite().isBetween(0.0, 1.0);
        ScoreEma ema = new ScoreEma(1, 0.2);
        ema.update(0, score.value());
        assertThat(ema.average(0)).isFinite().isBetween(0.0, 1.0);
    }

    @Provide
    Arbitrary<double[][]> answers() {
        Arbitrary<Double> logits = Arbitraries.oneOf(
                Arbitraries.doubles().between(-5, 5),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE,
                        Double.MIN_VALUE, -0.0, 1e300, -1e300));
        Arbitrary<double[]> rows = logits.array(double[].class).ofMinSize(0).ofMaxSize(7).injectNull(0.05);
        Arbitrary<double[][]> anyShape = rows.array(double[][].class).ofMinSize(0).ofMaxSize(3).injectNull(0.05);
        // half of the answers have the reference's shape, so values (not only shapes) get exercised
        Arbitrary<double[][]> rightShape = logits.array(double[].class).ofSize(5).array(double[][].class).ofSize(2);
        return Arbitraries.oneOf(anyShape, rightShape);
    }

    @Provide
    Arbitrary<Duration> latencies() {
        return Arbitraries.longs().between(0, 10_000).map(Duration::ofMillis);
    }
}
