package ai.based.fhe.zkllm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.zkllm.encrypted.EncryptedReciprocal;
import ai.based.fhe.zkllm.text.Corpus;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled bounded-attention model: it loads with its interval, the trained network and the plain reference compute
 * the same thing, its divisors stay on the reciprocal's interval, and dividing by the miner's reciprocal (its plaintext
 * twin) changes its predictions by no more than the reciprocal's stated error.
 */
@Tag("model")
class BoundedModelTest {
    /** The interval and doublings the model's README figures are measured with. */
    private static final EncryptedReciprocal RECIPROCAL = new EncryptedReciprocal(1, 256, 8);

    @Test
    void theBundledBoundedPackageLoadsWithItsIntervalAndPredictsLikeALanguageModel() throws Exception {
        ModelPackage bounded = ModelPackage.bundled("tiny-bounded");
        ModelPackage tiny = ModelPackage.bundled("tiny");
        assertThat(bounded.config().boundedAttention()).isEqualTo(new BoundedAttention(1, 64));
        assertThat(bounded.config().renamed("tiny").withBoundedAttention(null).withSteps(3_000).withLearningRate(3e-3f)).isEqualTo(tiny.config());
        assertThat(tiny.config().boundedAttention()).as("packages written before bounded attention existed").isNull();
        assertThat(bounded.tokenizer().encode("And God said, Let there be light")).isEqualTo(tiny.tokenizer().encode("And God said, Let there be light"));
        assertThat(bounded.card().validationLoss()).isLessThan(bounded.card().unigramLoss() - 2.0);
    }

    @Test
    void thePlainJavaReferenceComputesWhatTheTrainedNetworkComputes() throws Exception {
        ModelPackage bounded = ModelPackage.bundled("tiny-bounded");
        long[] window = TokenStream.of(Corpus.kjv().heldOut().subList(0, 100), bounded.tokenizer()).window(3, 64)[0];
        int[] ids = java.util.Arrays.stream(window).mapToInt(v -> (int) v).toArray();
        double[][] reference = new PlainGpt(bounded.config(), bounded.weights()).logits(ids);
        try (NDManager manager = NDManager.newBaseManager(); PolyGpt model = PolyGpt.fromWeights(bounded.config(), bounded.weights(), manager)) {
            float[] djl = model.forward(model.tokens(window, 1, 64), false).toFloatArray();
            assertThat(model.ceilingPenalty()).as("no penalty outside training").isNull();
            double worst = 0;
            for (int t = 0; t < 64; t++) for (int v = 0; v < 1024; v++) worst = Math.max(worst, Math.abs(djl[t * 1024 + v] - reference[t][v]));
            assertThat(worst).as("max |DJL float logits - plain double logits|").isLessThan(1e-3);
        }
    }

    @Test
    void dividingByTheMinersReciprocalAgreesWithExactDivisionWithinItsStatedError() throws Exception {
        ModelPackage bounded = ModelPackage.bundled("tiny-bounded");
        List<int[]> prompts = HeldOutPrompts.of(Corpus.kjv(), bounded.tokenizer(), 12, 64);
        List<Double> divisors = new ArrayList<>();
        PlainGpt exact = new PlainGpt(bounded.config(), bounded.weights());
        for (int[] prompt : prompts) exact.logits(prompt, (layer, mean) -> divisors.add(1 + mean));
        for (double x : divisors) {
            assertThat(x).isBetween(RECIPROCAL.low(), RECIPROCAL.high());
            // the attention weights of a row sum to Z̄ / x: the twin's relative error is what they are off by
            assertThat(Math.abs(x * RECIPROCAL.value(x) - 1)).isLessThanOrEqualTo(RECIPROCAL.relativeErrorBound());
        }
        LogitAgreement agreement = LogitAgreement.of(exact, new PlainGpt(bounded.config(), bounded.weights(), RECIPROCAL::value), prompts);
        assertThat(agreement.positions()).isGreaterThan(300);
        assertThat(agreement.agreement()).isEqualTo(1.0);
        assertThat(agreement.maxLogitError()).isPositive().isLessThan(1e-2);
        // and the twin is what moves the logits: a cruder reciprocal (two doublings fewer) moves them far more
        LogitAgreement crude = LogitAgreement.of(exact, new PlainGpt(bounded.config(), bounded.weights(), new EncryptedReciprocal(1, 256, 6)::value), prompts);
        assertThat(crude.maxLogitError()).isGreaterThan(100 * agreement.maxLogitError());
    }

    @Test
    void trainingPenalisesOnlyTheDivisorsAboveTheCeiling() throws Exception {
        ModelPackage bounded = ModelPackage.bundled("tiny-bounded");
        long[] window = TokenStream.of(Corpus.kjv().heldOut().subList(0, 100), bounded.tokenizer()).window(1, 64)[0];
        // the held-out window's largest divisor, to put the ceiling just below and far above it
        double[] largest = {0};
        new PlainGpt(bounded.config(), bounded.weights()).logits(java.util.Arrays.stream(window).mapToInt(v -> (int) v).toArray(),
                (layer, mean) -> largest[0] = Math.max(largest[0], 1 + mean));
        double high = penalty(bounded, new BoundedAttention(1, largest[0] * 2), window);
        double low = penalty(bounded, new BoundedAttention(1, largest[0] / 2), window);
        assertThat(high).isZero();
        assertThat(low).isPositive();
    }

    private static double penalty(ModelPackage p, BoundedAttention bounds, long[] window) {
        ModelConfig config = p.config().withBoundedAttention(bounds);
        try (NDManager manager = NDManager.newBaseManager(); PolyGpt model = PolyGpt.fromWeights(config, p.weights(), manager)) {
            model.forward(model.tokens(window, 1, 64), true);
            NDArray penalty = model.ceilingPenalty();
            return penalty.getFloat();
        }
    }

    @Test
    void aPackageWithAnImpossibleIntervalIsRefusedWhenLoaded(@TempDir Path dir) throws Exception {
        ModelPackage bounded = ModelPackage.bundled("tiny-bounded");
        bounded.save(dir);
        Path config = dir.resolve(ModelPackage.CONFIG);
        Files.writeString(config, Files.readString(config).replace("\"floor\" : 1.0", "\"floor\" : -1.0"));
        assertThatThrownBy(() -> ModelPackage.load(dir)).hasMessageContaining("malformed model package").hasMessageContaining("0 < floor < ceiling");
        assertThatThrownBy(() -> ModelConfig.tiny().twin().withBoundedAttention(new BoundedAttention(1, 64))).hasMessageContaining("not for softmax");
    }
}
