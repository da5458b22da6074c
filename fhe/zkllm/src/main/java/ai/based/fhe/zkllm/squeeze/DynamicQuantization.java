package ai.based.fhe.zkllm.squeeze;

import ai.based.fhe.zkllm.model.FakeQuantizer;
import ai.based.fhe.zkllm.model.Weights;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.List;

/**
 * Dynamic quantization, whitepaper §5.1. Each sample x_i (here a row of a weight matrix: one input feature's weights to
 * every output) gets its own scale from its spread:
 * <ol>
 *   <li>σ_i, the standard deviation of the sample;</li>
 *   <li>S_i = α if σ_i &gt; T, else 1/α: wide samples are scaled down so that fewer values clip, narrow ones up so that
 *       they use more of the levels;</li>
 *   <li>q = ⌊S_i x / Δ + 1/2⌋ with Δ = 2R / L, clamped to the L levels -L/2 .. L/2 - 1, and back x̂ = q Δ / S_i.</li>
 * </ol>
 * The grid is symmetric with zero on it, so a pruned head's zero weights stay exactly zero.
 * The whitepaper fixes L = 256, T = 0.1 and α = 0.5; the clipping range R of the scaled sample it leaves open, and
 * R = 1 is taken here (a trained tiny model's weight rows have σ of 0.02 to 0.3, so S x stays well inside it). The
 * quantized weights are what the encrypted circuit then encodes.
 */
public record DynamicQuantization(int levels, double threshold, double alpha, double range) implements FakeQuantizer {
    /** The weight matrices quantized: every linear layer's, attention, MLP and the logits' head. */
    public static final List<String> MATRICES = List.of("attn.c_attn.w", "attn.c_proj.w", "mlp.c_fc.w", "mlp.c_proj.w", "lm_head.w");

    public DynamicQuantization {
        if (levels < 2) throw new IllegalArgumentException("quantization needs at least 2 levels, got " + levels);
        if (!(threshold >= 0)) throw new IllegalArgumentException("the sigma threshold T must be >= 0, got " + threshold);
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("the scaling factor alpha must be in (0, 1), got " + alpha);
        if (!(range > 0)) throw new IllegalArgumentException("the clipping range R must be > 0, got " + range);
    }

    /** L = 256, T = 0.1, α = 0.5 (whitepaper §5.1), R = 1. */
    public static DynamicQuantization defaults() {
        return new DynamicQuantization(256, 0.1, 0.5, 1.0);
    }

    /** S_i for a sample of standard deviation {@code sigma}. */
    public double scale(double sigma) {
        return sigma > threshold ? alpha : 1 / alpha;
    }

    /** The grid step Δ of the scaled sample. */
    public double step() {
        return 2 * range / levels;
    }

    /** The level, -L/2 .. L/2 - 1, of value {@code x} of a sample with scale {@code s}. */
    public int level(double x, double s) {
        double q = Math.floor(s * x / step() + 0.5);
        return (int) Math.max(-levels / 2, Math.min(levels / 2 - 1, q));
    }

    /** The value level {@code q} stands for, in a sample with scale {@code s}. */
    public double value(int q, double s) {
        return q * step() / s;
    }

    /** A sample quantized and restored. */
    public double[] apply(double[] sample) {
        double s = scale(sigma(sample));
        double[] out = new double[sample.length];
        for (int i = 0; i < sample.length; i++) out[i] = value(level(sample[i], s), s);
        return out;
    }

    /** {@code weights} with every row of the {@link #MATRICES} quantized and restored; the rest unchanged. */
    public Weights quantize(Weights weights) {
        Weights out = new Weights();
        weights.all().forEach((name, t) -> {
            float[] values = t.values().clone();
            if (quantizes(name)) {
                int columns = (int) t.shape()[1];
                double[] row = new double[columns];
                for (int r = 0; r < t.shape()[0]; r++) {
                    for (int c = 0; c < columns; c++) row[c] = values[r * columns + c];
                    double[] restored = apply(row);
                    for (int c = 0; c < columns; c++) values[r * columns + c] = (float) restored[c];
                }
            }
            out.put(name, new Weights.Tensor(t.shape().clone(), values));
        });
        return out;
    }

    /** Whether the tensor {@code name} is one of the quantized {@link #MATRICES}. */
    @Override
    public boolean quantizes(String name) {
        return MATRICES.stream().anyMatch(name::endsWith);
    }

    /** The same quantization on a (rows, columns) array, for quantization-aware training. */
    @Override
    public NDArray fakeQuantize(NDArray matrix) {
        NDArray mean = matrix.mean(new int[] {1}, true);
        NDArray sigma = matrix.sub(mean).square().mean(new int[] {1}, true).sqrt();
        NDArray s = sigma.gt(threshold).toType(DataType.FLOAT32, false).mul((float) (alpha - 1 / alpha)).add((float) (1 / alpha));
        NDArray q = matrix.mul(s).div((float) step()).add(0.5f).floor().clip(-levels / 2, levels / 2 - 1);
        NDArray restored = q.mul((float) step()).div(s);
        return matrix.add(restored.sub(matrix).stopGradient());
    }

    static double sigma(double[] sample) {
        double mean = 0;
        for (double v : sample) mean += v;
        mean /= sample.length;
        double squares = 0;
        for (double v : sample) squares += (v - mean) * (v - mean);
        return Math.sqrt(squares / sample.length);
    }
}
