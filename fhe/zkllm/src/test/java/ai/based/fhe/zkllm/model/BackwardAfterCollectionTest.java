package ai.based.fhe.zkllm.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The backward pass reads what the forward pass saved. A constant that DJL made from a Java number and freed when the
 * operation returned was read back from reused memory whenever a garbage collection fell between the two: the gradient
 * came out huge or infinite, the step was skipped, and (before {@link SkippedStepTest}'s fix) the heap was corrupted.
 */
@Tag("model")
class BackwardAfterCollectionTest {
    /** What other code writes into the memory the collector frees; a constant read back from it shows up at once. */
    private static final float SCRIBBLE = 1e30f;

    @Test
    void aCollectionBetweenForwardAndBackwardLeavesTheGradientExactlyAsItWas() throws Exception {
        for (ModelConfig config : List.of(ModelConfig.micro(), ModelConfig.micro().twin())) {
            long[][] batch = batch(config, new Random(3));
            try (NDManager manager = NDManager.newBaseManager(); PolyGpt model = PolyGpt.initialize(config, manager)) {
                Map<String, float[]> quiet = gradients(model, batch, false);
                Map<String, float[]> disturbed = gradients(model, batch, true);
                for (var e : quiet.entrySet()) {
                    assertThat(disturbed.get(e.getKey())).as(config.name() + " " + e.getKey()).containsExactly(e.getValue());
                }
            }
        }
    }

    private static Map<String, float[]> gradients(PolyGpt model, long[][] batch, boolean collectInBetween) throws Exception {
        ModelConfig config = model.config();
        List<ByteBuffer> others = new ArrayList<>();
        Map<String, float[]> out = new LinkedHashMap<>();
        try (NDScope scope = new NDScope()) {
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(model.tokens(batch[0], config.batch(), config.context()), true);
                NDArray loss = ModelTrainer.crossEntropy(logits, model.tokens(batch[1], config.batch(), config.context()), config.vocab());
                if (collectInBetween) {
                    for (int i = 0; i < 3; i++) {
                        System.gc();
                        Thread.sleep(50);
                    }
                    for (int i = 0; i < 20_000; i++) {
                        ByteBuffer b = ByteBuffer.allocateDirect(Float.BYTES).order(ByteOrder.nativeOrder());
                        others.add(b.putFloat(0, SCRIBBLE));
                    }
                }
                collector.backward(loss);
            }
            model.parameters().forEach((name, p) -> out.put(name, p.getGradient().toFloatArray()));
            ModelTrainer.clearGradients(model.parameters().values());
        }
        assertThat(others).allMatch(b -> b.getFloat(0) == SCRIBBLE);
        return out;
    }

    private static long[][] batch(ModelConfig config, Random random) {
        long[] inputs = new long[config.batch() * config.context()];
        long[] targets = new long[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = random.nextInt(config.vocab());
            targets[i] = random.nextInt(config.vocab());
        }
        return new long[][] {inputs, targets};
    }
}
