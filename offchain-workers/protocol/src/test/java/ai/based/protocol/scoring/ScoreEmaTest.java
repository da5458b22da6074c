package ai.based.protocol.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScoreEmaTest {

    @Test
    void theAverageMovesByAlphaTowardsEachScore() {
        ScoreEma ema = new ScoreEma(2, 0.5);
        ema.update(0, 1);   // 0.5
        ema.update(0, 1);   // 0.75
        ema.update(0, 0);   // 0.375
        assertThat(ema.average(0)).isEqualTo(0.375);
        assertThat(ema.average(1)).isZero();
    }

    @Test
    void nonFiniteOrOutOfRangeScoresAreRefusedAndChangeNothing() {
        ScoreEma ema = new ScoreEma(1, 0.1);
        ema.update(0, 0.8);
        double before = ema.average(0);
        for (double hostile : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.1, 1.5}) {
            assertThatThrownBy(() -> ema.update(0, hostile)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scores lie in [0, 1]");
        }
        assertThat(ema.average(0)).isEqualTo(before);
        assertThat(ema.weights()).containsExactly(1.0);
        assertThatThrownBy(() -> ema.update(1, 0.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no miner uid 1");
    }

    @Test
    void weightsAreTheNormalisedAverageAndU16IsMaxUpscaled() {
        ScoreEma ema = new ScoreEma(3, 1);
        assertThat(ema.weights()).containsExactly(0, 0, 0);
        assertThat(ema.weightsU16()).containsExactly(0, 0, 0);
        ema.update(0, 0.5);
        ema.update(1, 0.25);
        assertThat(ema.weights()).containsExactly(2.0 / 3, 1.0 / 3, 0);
        assertThat(ema.weightsU16()).containsExactly(65_535, 32_768, 0);   // 32,767.5 rounds to even
        ema.reset(0);
        assertThat(ema.weightsU16()).containsExactly(0, 65_535, 0);
    }

    @Test
    void aLazyAndASlowMinerEndBelowAnHonestOneWithinAFewEpochs() {
        LogitScorer scorer = new LogitScorer(new ScoringParameters(0.01, Duration.ofMillis(200), Duration.ofSeconds(1)));
        ScoreEma ema = new ScoreEma(3, 0.3);
        SplittableRandom random = new SplittableRandom(7);
        for (int epoch = 0; epoch < 5; epoch++) {
            double[][] reference = {random.doubles(32, -4, 4).toArray()};
            double[][] honest = {Arrays.stream(reference[0]).map(v -> v + random.nextDouble(-0.005, 0.005)).toArray()};
            double[][] lazy = {random.doubles(32, -4, 4).toArray()};
            ema.update(0, scorer.score(reference, ChallengeOutcome.answered(honest, Duration.ofMillis(150))).value());
            ema.update(1, scorer.score(reference, ChallengeOutcome.answered(lazy, Duration.ofMillis(10))).value());
            ema.update(2, scorer.score(reference, ChallengeOutcome.answered(honest, Duration.ofMillis(800))).value());
        }
        int[] weights = ema.weightsU16();
        assertThat(weights[0]).isEqualTo(65_535);
        assertThat(weights[1]).isLessThan(weights[2]);
        assertThat(weights[2]).isLessThan(weights[0] / 2);
        assertThat(Arrays.stream(ema.weights()).sum()).isCloseTo(1, within(1e-12));
    }
}
