package ai.based.protocol.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogitScorerTest {
    private static final double TOLERANCE = 0.01;
    private static final LogitScorer SCORER = new LogitScorer(
            new ScoringParameters(TOLERANCE, Duration.ofMillis(200), Duration.ofMillis(1_000)));
    private static final double[][] REFERENCE = {{0.1, 2.0, -1.0, 0.5}};
    private static final Duration FAST = Duration.ofMillis(50);

    @Test
    void anExactAnswerInTimeScoresOne() {
        assertThat(score(REFERENCE, FAST).value()).isEqualTo(1.0);
    }

    @Test
    void noiseWithinTheToleranceCostsNothing() {
        assertThat(score(new double[][] {{0.105, 1.995, -1.009, 0.5}}, FAST).value()).isEqualTo(1.0);
    }

    @Test
    void anErrorOverTheToleranceScoresToleranceOverError() {
        // same argmax, largest error 0.04 = 4 x tolerance -> 0.25
        assertThat(score(new double[][] {{0.14, 2.0, -1.0, 0.5}}, FAST).value()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void aDifferentArgmaxScoresZero() {
        Score s = score(new double[][] {{3.0, 2.0, -1.0, 0.5}}, FAST);
        assertThat(s.value()).isZero();
        assertThat(s.reason()).contains("1 of 1 positions disagree");
    }

    @Test
    void anArgmaxBetweenNearlyEqualReferenceLogitsStillAgrees() {
        // the reference has 2.0 and 1.995 (within tolerance): CKKS noise may pick either
        double[][] reference = {{0.1, 2.0, 1.995}};
        assertThat(SCORER.score(reference, ChallengeOutcome.answered(new double[][] {{0.1, 1.996, 1.999}}, FAST)).value()).isEqualTo(1.0);
    }

    @Test
    void allPositionsAreAveraged() {
        double[][] reference = {{1, 0}, {0, 1}, {1, 0}, {0, 1}};
        double[][] answer = {{1, 0}, {0, 1}, {0, 1}, {0, 1}};
        assertThat(SCORER.score(reference, ChallengeOutcome.answered(answer, FAST)).value()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void latencyOverTheTargetFallsLinearlyToZeroAtTheTimeout() {
        assertThat(score(REFERENCE, Duration.ofMillis(200)).value()).isEqualTo(1.0);
        assertThat(score(REFERENCE, Duration.ofMillis(600)).value()).isCloseTo(0.5, within(1e-12));
        assertThat(score(REFERENCE, Duration.ofMillis(1_000)).value()).isZero();
        assertThat(score(REFERENCE, Duration.ofHours(5)).value()).isZero();
    }

    @Test
    void aTimeoutScoresZero() {
        assertThat(SCORER.score(REFERENCE, ChallengeOutcome.timedOut())).isEqualTo(new Score(0, "no answer before the timeout"));
    }

    @Test
    void hostileShapesScoreZeroWithAReason() {
        assertThat(score(null, FAST).reason()).contains("got none");
        assertThat(score(new double[0][], FAST).reason()).contains("expected 1 positions, got 0");
        assertThat(score(new double[][] {{0.1, 2.0, -1.0, 0.5}, {1, 2, 3, 4}}, FAST).value()).isZero();
        assertThat(score(new double[][] {{0.1, 2.0, -1.0}}, FAST).reason()).contains("expected 4 logits, got 3");
        assertThat(score(new double[][] {{}}, FAST).value()).isZero();
        assertThat(score(new double[][] {null}, FAST).value()).isZero();
    }

    @Test
    void nanAndInfinityScoreZero() {
        assertThat(score(new double[][] {{0.1, Double.NaN, -1.0, 0.5}}, FAST).reason()).contains("non-finite");
        assertThat(score(new double[][] {{0.1, Double.POSITIVE_INFINITY, -1.0, 0.5}}, FAST).value()).isZero();
        assertThat(score(new double[][] {{Double.NEGATIVE_INFINITY, 2.0, -1.0, 0.5}}, FAST).value()).isZero();
    }

    @Test
    void hugeValuesScoreNearZeroAndNeverOverflowIntoTheScore() {
        // right argmax, error 1e308: tolerance / error is about 1e-310, still a finite score
        Score huge = score(new double[][] {{0.1, Double.MAX_VALUE, -1.0, 0.5}}, FAST);
        assertThat(huge.value()).isFinite().isLessThan(1e-300);
        // the difference itself overflows to infinity: zero
        Score overflow = SCORER.score(new double[][] {{-Double.MAX_VALUE, 1}},
                ChallengeOutcome.answered(new double[][] {{Double.MAX_VALUE, 1}}, FAST));
        assertThat(overflow.value()).isZero();
    }

    @Test
    void aBrokenReferenceIsTheValidatorsBugAndThrows() {
        assertThatThrownBy(() -> SCORER.score(new double[][] {{Double.NaN}}, ChallengeOutcome.timedOut()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference model produced NaN");
        assertThatThrownBy(() -> SCORER.score(new double[0][], ChallengeOutcome.timedOut())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChallengeOutcome.answered(REFERENCE, Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScoringParameters(Double.NaN, Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScoringParameters(0.1, Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }

    private static Score score(double[][] answer, Duration latency) {
        return SCORER.score(REFERENCE, ChallengeOutcome.answered(answer, latency));
    }
}
