package ai.based.fhe.zkllm.model;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.zkllm.text.Corpus;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The tiny packages shipped in the jar load, and their weights predict held-out text as well as their cards say. */
@Tag("model")
class BundledModelTest {

    @Test
    void theBundledTinyModelPredictsHeldOutTextFarBetterThanUnigrams() throws Exception {
        ModelPackage tiny = ModelPackage.bundled("tiny");
        assertThat(tiny.config()).isEqualTo(ModelConfig.tiny());
        assertThat(tiny.card().validationLoss()).isLessThan(tiny.card().unigramLoss() - 2.0);
        TokenStream heldOut = TokenStream.of(Corpus.kjv().heldOut().subList(0, 400), tiny.tokenizer());
        try (NDManager manager = NDManager.newBaseManager(); PolyGpt model = PolyGpt.fromWeights(tiny.config(), tiny.weights(), manager)) {
            double loss = ModelTrainer.evaluate(model, heldOut, 32);
            assertThat(loss).as("held-out loss of the shipped weights").isLessThan(tiny.card().validationLoss() + 0.3);
        }
        assertThatThrownBy(() -> ModelPackage.bundled("huge")).hasMessageContaining("no model package 'huge' is bundled");
    }

    @Test
    void theBundledSoftmaxTwinSharesTheTokenizerAndPredictsBetterStill() throws Exception {
        ModelPackage tiny = ModelPackage.bundled("tiny");
        ModelPackage twin = ModelPackage.bundled("tiny-twin");
        assertThat(twin.config()).isEqualTo(ModelConfig.tiny().twin());
        assertThat(twin.tokenizer().encode("And God said, Let there be light")).isEqualTo(tiny.tokenizer().encode("And God said, Let there be light"));
        TokenStream heldOut = TokenStream.of(Corpus.kjv().heldOut().subList(0, 400), twin.tokenizer());
        try (NDManager manager = NDManager.newBaseManager(); PolyGpt model = PolyGpt.fromWeights(twin.config(), twin.weights(), manager);
                PolyGpt he = PolyGpt.fromWeights(tiny.config(), tiny.weights(), manager)) {
            assertThat(ModelTrainer.evaluate(model, heldOut, 16)).as("softmax, GELU and LayerNorm vs the HE-friendly model")
                    .isLessThan(ModelTrainer.evaluate(he, heldOut, 16));
        }
    }

    @Test
    void thePlainJavaReferenceComputesWhatTheTrainedNetworkComputes() throws Exception {
        ModelPackage tiny = ModelPackage.bundled("tiny");
        TokenStream heldOut = TokenStream.of(Corpus.kjv().heldOut().subList(0, 100), tiny.tokenizer());
        long[] window = heldOut.window(3, 64)[0];
        int[] ids = java.util.Arrays.stream(window).mapToInt(v -> (int) v).toArray();
        double[][] reference = new PlainGpt(tiny.config(), tiny.weights()).logits(ids);
        try (NDManager manager = NDManager.newBaseManager(); PolyGpt model = PolyGpt.fromWeights(tiny.config(), tiny.weights(), manager)) {
            float[] djl = model.forward(model.tokens(window, 1, 64), false).toFloatArray();
            double worst = 0;
            for (int t = 0; t < 64; t++) for (int v = 0; v < 1024; v++) worst = Math.max(worst, Math.abs(djl[t * 1024 + v] - reference[t][v]));
            assertThat(worst).as("max |DJL float logits - plain double logits|").isLessThan(1e-3);
        }
        assertThatThrownBy(() -> new PlainGpt(tiny.config(), tiny.weights()).logits(new int[65])).hasMessageContaining("longer than the context of 64");
    }
}
