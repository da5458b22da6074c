package ai.based.fhe.zkllm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.zkllm.text.Corpus;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The tiny package shipped in the jar loads, and its weights predict held-out text as well as its card says. */
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
}
