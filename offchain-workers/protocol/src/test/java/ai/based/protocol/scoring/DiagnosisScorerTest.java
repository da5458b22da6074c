package ai.based.protocol.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DiagnosisScorerTest {
    private static final double TOLERANCE = 0.05;
    private static final DiagnosisScorer SCORER = new DiagnosisScorer(new ScoringParameters(TOLERANCE, Duration.ofMillis(200), Duration.ofMillis(1_000)));
    /** Plaintext scores of four records: two clearly malignant, one clearly benign, one 0.02 from the threshold. */
    private static final double[] REFERENCE = {3.0, 1.5, -2.0, 0.02};
    private static final int[] LABELS = {1, 0, 0, 1};
    private static final Duration FAST = Duration.ofMillis(50);

    @Test
    void anExactAnswerInTimeScoresOneAndReportsAccuracyAgainstTheLabels() {
        Score s = SCORER.score(REFERENCE, LABELS, REFERENCE.clone(), FAST);
        assertThat(s.value()).isEqualTo(1.0);
        // decrypted classes 1, 1, 0, 1 against labels 1, 0, 0, 1: three right
        assertThat(s.reason()).startsWith("exact").contains("accuracy 3/4 against the labels");
    }

    @Test
    void noiseWithinTheToleranceCostsNothing() {
        assertThat(SCORER.score(REFERENCE, LABELS, new double[] {3.04, 1.46, -2.03, 0.0}, FAST).value()).isEqualTo(1.0);
    }

    @Test
    void aFlippedRecordNearTheThresholdIsNotHeldAgainstTheMiner() {
        // 0.02 -> -0.01: the other class, but the plaintext score was within the tolerance of the threshold
        Score s = SCORER.score(REFERENCE, LABELS, new double[] {3.0, 1.5, -2.0, -0.01}, FAST);
        assertThat(s.value()).isEqualTo(1.0);
        assertThat(s.reason()).contains("1 records within the tolerance of the threshold");
    }

    @Test
    void aFlippedClearRecordScoresZeroForThatRecord() {
        Score s = SCORER.score(REFERENCE, LABELS, new double[] {3.0, -1.5, -2.0, 0.02}, FAST);
        assertThat(s.value()).isCloseTo(0.75, within(1e-12));
        assertThat(s.reason()).contains("1 of 4 classes disagree");
    }

    @Test
    void anErrorOverTheToleranceScoresToleranceOverError() {
        // record 0 off by 0.2 = 4 x tolerance: (0.25 + 1 + 1 + 1) / 4
        Score s = SCORER.score(REFERENCE, LABELS, new double[] {3.2, 1.5, -2.0, 0.02}, FAST);
        assertThat(s.value()).isCloseTo(3.25 / 4, within(1e-12));
        assertThat(s.reason()).contains("max score error 0.200");
    }

    @Test
    void constantScoresOfTheRightSignStillScoreLowThroughTheError() {
        // a lazy miner answering a constant: classes disagree where the sign differs, the rest are far off
        Score s = SCORER.score(REFERENCE, LABELS, new double[] {1, 1, 1, 1}, FAST);
        assertThat(s.value()).isLessThan(0.1);
    }

    @Test
    void latencyScalesTheScoreAndTheTimeoutZeroesIt() {
        assertThat(SCORER.score(REFERENCE, LABELS, REFERENCE.clone(), Duration.ofMillis(600)).value()).isCloseTo(0.5, within(1e-9));
        Score late = SCORER.score(REFERENCE, LABELS, REFERENCE.clone(), Duration.ofMillis(1_000));
        assertThat(late.value()).isZero();
        assertThat(late.reason()).contains("after the timeout");
    }

    @Test
    void hostileAnswersScoreZeroWithAReasonAndNeverThrow() {
        assertThat(SCORER.score(REFERENCE, LABELS, null, FAST)).extracting(Score::value, Score::reason).containsExactly(0.0, "expected 4 scores, got none");
        assertThat(SCORER.score(REFERENCE, LABELS, new double[3], FAST).reason()).isEqualTo("expected 4 scores, got 3");
        assertThat(SCORER.score(REFERENCE, LABELS, new double[5], FAST).value()).isZero();
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Score s = SCORER.score(REFERENCE, LABELS, new double[] {3.0, bad, -2.0, 0.02}, FAST);
            assertThat(s.value()).isZero();
            assertThat(s.reason()).contains("record 1 has a non-finite score");
        }
    }

    @Test
    void aBrokenReferenceIsTheValidatorsBugAndThrows() {
        assertThatThrownBy(() -> SCORER.score(new double[0], new int[0], new double[0], FAST)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SCORER.score(new double[] {Double.NaN}, new int[] {1}, new double[] {1}, FAST)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> SCORER.score(REFERENCE, new int[] {1, 0}, REFERENCE, FAST)).hasMessageContaining("labels");
        assertThatThrownBy(() -> SCORER.score(REFERENCE, new int[] {1, 0, 2, 1}, REFERENCE, FAST)).hasMessageContaining("got 2");
        assertThatThrownBy(() -> SCORER.score(REFERENCE, LABELS, REFERENCE, Duration.ofMillis(-1))).hasMessageContaining("negative");
    }
}
