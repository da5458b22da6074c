package ai.based.fhe.zkllm.squeeze;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.Weights;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whitepaper §5.1's dynamic quantization: the formula by hand, on the tiny model's weights, and its training form. */
@Tag("model")
class DynamicQuantizationTest {
    private final DynamicQuantization q = DynamicQuantization.defaults();

    @Test
    void narrowSamplesAreScaledUpWideOnesDownAndZeroStaysZero() {
        assertThat(q.levels()).isEqualTo(256);
        assertThat(q.step()).isEqualTo(2.0 / 256);
        double[] narrow = {0.01, -0.02, 0.03, 0.0};
        assertThat(DynamicQuantization.sigma(narrow)).isLessThan(0.1);
        assertThat(q.scale(DynamicQuantization.sigma(narrow))).isEqualTo(2.0);
        // 0.01 x 2 / (1/128) = 2.56 -> floor(3.06) = level 3 -> 3 / 128 / 2
        assertThat(q.apply(narrow)).containsExactly(3 / 256.0, -5 / 256.0, 8 / 256.0, 0.0);

        double[] wide = {1, -1, 0.5, 3};
        assertThat(q.scale(DynamicQuantization.sigma(wide))).isEqualTo(0.5);
        double[] restored = q.apply(wide);
        assertThat(restored[0]).isEqualTo(1.0);
        assertThat(restored[2]).isEqualTo(0.5);
        assertThat(restored[3]).as("3 x 0.5 is beyond R = 1: clipped to the top level, 127").isEqualTo(127 / 128.0 / 0.5);
        assertThat(q.level(-3, 0.5)).isEqualTo(-128);
    }

    @Test
    void theTinyModelsMatricesLandOnTheGridAndNothingElseMoves() throws Exception {
        Weights tiny = ModelPackage.bundled("tiny").weights();
        Weights pruned = HeadSurgery.prune(ai.based.fhe.zkllm.model.ModelConfig.tiny(), tiny, List.of(new HeadRef(0, 1)));
        Weights quantized = q.quantize(pruned);
        float[] before = pruned.get("h.0.attn.c_attn.w").values();
        float[] after = quantized.get("h.0.attn.c_attn.w").values();
        int columns = (int) pruned.get("h.0.attn.c_attn.w").shape()[1];
        double worst = 0;
        for (int r = 0; r < before.length / columns; r++) {
            double[] row = new double[columns];
            for (int c = 0; c < columns; c++) row[c] = before[r * columns + c];
            double s = q.scale(DynamicQuantization.sigma(row));
            for (int c = 0; c < columns; c++) {
                double level = after[r * columns + c] * s / q.step();
                assertThat(level).isCloseTo(Math.rint(level), within(1e-3));
                if (before[r * columns + c] == 0) assertThat(after[r * columns + c]).as("a pruned head's weights").isZero();
                worst = Math.max(worst, Math.abs(after[r * columns + c] - before[r * columns + c]));
            }
        }
        assertThat(worst).as("at most half a step of the widest scale").isLessThanOrEqualTo(q.step() / 0.5 / 2 + 1e-6).isGreaterThan(0);
        assertThat(quantized.get("h.0.ln_1.g").values()).as("norms are not quantized").containsExactly(pruned.get("h.0.ln_1.g").values());
        assertThat(quantized.get("wte").values()).as("nor embeddings").containsExactly(pruned.get("wte").values());
    }

    @Test
    void fakeQuantizationMatchesTheFormulaAndPassesGradientsStraightThrough() {
        float[] values = {0.01f, -0.02f, 0.03f, 0f, 1f, -1f, 0.5f, 3f};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(values, new Shape(2, 4));
            w.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray fake = q.fakeQuantize(w);
                float[] got = fake.toFloatArray();
                double[] first = q.apply(new double[] {0.01, -0.02, 0.03, 0});
                double[] second = q.apply(new double[] {1, -1, 0.5, 3});
                for (int i = 0; i < 4; i++) {
                    assertThat((double) got[i]).isCloseTo(first[i], within(1e-6));
                    assertThat((double) got[4 + i]).isCloseTo(second[i], within(1e-6));
                }
                collector.backward(fake.mul(manager.create(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(2, 4))).sum());
            }
            assertThat(w.getGradient().toFloatArray()).as("d fake / d w is the identity").containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        }
    }

    @Test
    void nonsenseParametersAreRefused() {
        assertThatThrownBy(() -> new DynamicQuantization(1, 0.1, 0.5, 1)).hasMessageContaining("at least 2 levels");
        assertThatThrownBy(() -> new DynamicQuantization(256, 0.1, 1.0, 1)).hasMessageContaining("alpha must be in (0, 1)");
        assertThatThrownBy(() -> new DynamicQuantization(256, -1, 0.5, 1)).hasMessageContaining("threshold T must be >= 0");
    }
}
