package ai.based.fhe.zkllm.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.fhe.zkllm.text.BpeTrainer;
import ai.based.fhe.zkllm.text.Corpus;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A step whose gradient is not finite is skipped and its gradient cleared. Clearing once left the parameter's gradient
 * in a Java direct buffer that the garbage collector later freed: the next backward passes wrote into memory malloc had
 * handed to others, and long trainings died with glibc heap-corruption aborts.
 */
@Tag("model")
class SkippedStepTest {
    private static final int SIZE = 4096;
    private static final float MARKER = 42f;

    @Test
    void aClearedGradientStaysInItsOwnMemoryAfterTheCollectorRuns() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray p = manager.arange(0f, SIZE).div(SIZE);
            p.setRequiresGradient(true);
            backward(() -> p.mul(Float.NaN).sum());
            try (NDScope scope = new NDScope()) {
                assertThat(p.getGradient().isNaN().all().getBoolean()).isTrue();
                ModelTrainer.clearGradients(List.of(p));
            }
            // the scope closed every wrapper it made; collect them, then give malloc every chance to reuse what they freed
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(50);
            }
            List<ByteBuffer> others = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(SIZE * Float.BYTES).order(ByteOrder.nativeOrder());
                for (int j = 0; j < SIZE; j++) b.putFloat(j * Float.BYTES, MARKER);
                others.add(b);
            }
            try (NDScope scope = new NDScope()) {
                assertThat(p.getGradient().toFloatArray()).as("the cleared gradient").containsOnly(0f);
                backward(() -> p.mul(p).sum());
                assertThat(p.getGradient().toFloatArray()).as("d(p·p)/dp after clearing").containsExactly(p.mul(2).toFloatArray());
            }
            for (ByteBuffer b : others) {
                for (int j = 0; j < SIZE; j++) assertThat(b.getFloat(j * Float.BYTES)).as("memory the gradient does not own").isEqualTo(MARKER);
            }
        }
    }

    @Test
    void trainingsWithSkippedStepsRunToTheEndAlikeAndStillLearn() {
        Corpus corpus = Corpus.kjv();
        ModelConfig micro = ModelConfig.micro();
        BpeTokenizer tokenizer = BpeTrainer.train(corpus.training().subList(0, 3_000), micro.vocab());
        TokenStream training = TokenStream.of(corpus.training().subList(0, 3_000), tokenizer);
        TokenStream heldOut = TokenStream.of(corpus.heldOut().subList(0, 300), tokenizer);
        ModelTrainer.Trained first = null;
        for (int run = 0; run < 3; run++) {
            List<String> lines = new ArrayList<>();
            ModelTrainer.Trained trained = ModelTrainer.run(micro, null, null, null, training, heldOut, lines::add, step -> {
                if (step % 10 == 5) System.gc(); // frees whatever wrappers of earlier skipped steps are unreachable
                return step % 10 == 0;
            });
            assertThat(lines.stream().filter(l -> l.contains("update skipped"))).hasSize(micro.steps() / 10);
            assertThat(trained.card().validationLoss()).as(trained.card().summary()).isLessThan(trained.card().unigramLoss() - 0.3);
            if (first == null) {
                first = trained;
            } else {
                for (var e : first.weights().all().entrySet()) {
                    assertThat(trained.weights().get(e.getKey()).values()).as(e.getKey()).containsExactly(e.getValue().values());
                }
            }
        }
    }

    /** The loss is built inside the collector: outside it PyTorch records no graph. */
    private static void backward(Supplier<NDArray> loss) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(loss.get());
        }
    }
}
