package ai.based.fhe.zkllm.model;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.fhe.zkllm.text.BpeTrainer;
import ai.based.fhe.zkllm.text.Corpus;
import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The micro config trains in seconds on real text and beats the unigram baseline; its weights survive a round trip. */
@Tag("model")
class PolyGptTrainingTest {
    private static final ModelConfig MICRO = ModelConfig.micro();
    private static BpeTokenizer tokenizer;
    private static TokenStream training;
    private static TokenStream heldOut;
    private static ModelTrainer.Trained trained;

    @BeforeAll
    static void train() {
        Corpus corpus = Corpus.kjv();
        tokenizer = BpeTrainer.train(corpus.training().subList(0, 3_000), MICRO.vocab());
        training = TokenStream.of(corpus.training().subList(0, 3_000), tokenizer);
        heldOut = TokenStream.of(corpus.heldOut().subList(0, 300), tokenizer);
        trained = ModelTrainer.train(MICRO, tokenizer, training, heldOut, line -> {});
    }

    @Test
    void theHeFriendlyModelLearnsClearlyBelowTheUnigramBaseline() {
        ModelCard card = trained.card();
        System.out.println(card.summary());
        assertThat(card.unigramLoss()).isGreaterThan(4.0);
        assertThat(card.validationLoss()).as(card.summary()).isLessThan(card.unigramLoss() - 0.3);
        assertThat(card.tokensSeen()).isEqualTo((long) MICRO.steps() * MICRO.batch() * MICRO.context());
        assertThat(card.parameters()).isEqualTo(trained.weights().parameterCount() - 2L * MICRO.dModel() * 3);
    }

    @Test
    void weightsRoundTripThroughSafetensorsAndGiveTheSameLoss() throws Exception {
        Path file = Files.createTempDirectory("polygpt-").resolve("model.safetensors");
        trained.weights().save(file);
        Weights loaded = Weights.load(file);
        assertThat(loaded.all().keySet()).containsExactlyElementsOf(trained.weights().all().keySet());
        try (NDManager manager = NDManager.newBaseManager(); PolyGpt model = PolyGpt.fromWeights(MICRO, loaded, manager)) {
            double loss = ModelTrainer.evaluate(model, heldOut, 256);
            assertThat(loss).isCloseTo(trained.card().validationLoss(), org.assertj.core.data.Offset.offset(1e-4));
            assertThatThrownBy(() -> model.forward(manager.zeros(new ai.djl.ndarray.types.Shape(1, MICRO.context() + 1),
                    ai.djl.ndarray.types.DataType.INT64), false)).hasMessageContaining("longer than the context of 16");
        }
    }

    @Test
    void malformedWeightFilesAreRefusedWithAReason() throws Exception {
        Path file = Files.createTempDirectory("polygpt-").resolve("model.safetensors");
        trained.weights().save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(file.resolveSibling("truncated.safetensors"), java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThatThrownBy(() -> Weights.load(truncated)).hasMessageContaining("do not match its shape");
        Path garbage = Files.write(file.resolveSibling("garbage.safetensors"), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Weights.load(garbage)).hasMessageContaining("not a safetensors file");
        bytes[6] = (byte) 0x7F;
        Path badHeader = Files.write(file.resolveSibling("header.safetensors"), bytes);
        assertThatThrownBy(() -> Weights.load(badHeader)).hasMessageContaining("header length");
    }

    @Test
    void aRunThatGoesNonFiniteStopsWithAClearErrorInsteadOfWritingNaNs() {
        Weights poisoned = new Weights();
        trained.weights().all().forEach((name, t) -> poisoned.put(name, t));
        float[] head = trained.weights().get("lm_head.b").values().clone();
        head[0] = Float.NaN;
        poisoned.put("lm_head.b", new Weights.Tensor(new long[] {head.length}, head));
        assertThatThrownBy(() -> ModelTrainer.train(MICRO, poisoned, tokenizer, training, heldOut, line -> {}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("training diverged at step 1").hasMessageContaining("learning rate");
    }

    @Test
    void configsRefuseImpossibleShapes() {
        assertThatThrownBy(() -> new ModelConfig("x", 1, 30, 4, 16, 300, 2, true, 1, 1, 1e-3f, 1)).hasMessageContaining("not a multiple");
        assertThatThrownBy(() -> new ModelConfig("x", 1, 32, 4, 16, 300, 3, true, 1, 1, 1e-3f, 1)).hasMessageContaining("even");
        assertThatThrownBy(() -> ModelConfig.named("huge")).hasMessageContaining("tiny or micro");
    }
}
