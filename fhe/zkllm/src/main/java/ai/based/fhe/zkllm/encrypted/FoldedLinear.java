package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.zkllm.model.PolyGpt;
import ai.based.fhe.zkllm.model.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * A linear layer cut into F × F blocks for {@link BatchedLinear}, optionally with the inference-time normalisation
 * in front of it folded in (operation merging): norm(x) = x a + c with a = g / √(var + ε) and c = b - mean a, so
 * norm(x) W + b' = x (diag(a) W) + (c W + b'). Block (o, i) maps input block i to output block o.
 */
public record FoldedLinear(int width, List<List<double[][]>> blocks, List<double[]> biases) {

    /** The layer {@code linear} ({@code .w}, {@code .b}) with the normalisation {@code norm} folded in (null: none). */
    public static FoldedLinear of(Weights weights, String norm, String linear, int width) {
        Weights.Tensor w = weights.get(linear + ".w");
        float[] bias = weights.get(linear + ".b").values();
        int in = (int) w.shape()[0];
        int out = (int) w.shape()[1];
        if (in % width != 0 || out % width != 0) {
            throw new IllegalArgumentException(linear + " is " + in + " x " + out + ", not a multiple of " + width + " features");
        }
        double[] a = new double[in];
        double[] c = new double[in];
        java.util.Arrays.fill(a, 1);
        if (norm != null) {
            float[] g = weights.get(norm + ".g").values();
            float[] b = weights.get(norm + ".b").values();
            float[] mean = weights.get(norm + ".running_mean").values();
            float[] variance = weights.get(norm + ".running_var").values();
            for (int r = 0; r < in; r++) {
                a[r] = g[r] / Math.sqrt(variance[r] + PolyGpt.NORM_EPS);
                c[r] = b[r] - mean[r] * a[r];
            }
        }
        float[] values = w.values();
        List<List<double[][]>> blocks = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int o = 0; o < out / width; o++) {
            List<double[][]> row = new ArrayList<>();
            for (int i = 0; i < in / width; i++) {
                double[][] block = new double[width][width];
                for (int r = 0; r < width; r++) {
                    for (int col = 0; col < width; col++) block[r][col] = a[i * width + r] * values[(i * width + r) * out + o * width + col];
                }
                row.add(block);
            }
            double[] folded = new double[width];
            for (int col = 0; col < width; col++) {
                int column = o * width + col;
                double sum = bias[column];
                for (int r = 0; r < in; r++) sum += c[r] * values[r * out + column];
                folded[col] = sum;
            }
            blocks.add(row);
            biases.add(folded);
        }
        return new FoldedLinear(width, blocks, biases);
    }

    public int outputBlocks() {
        return blocks.size();
    }

    /** Output block o's matrices for a single-block input. */
    public double[][] single(int o) {
        if (blocks.get(o).size() != 1) throw new IllegalStateException("the layer's input spans " + blocks.get(o).size() + " blocks");
        return blocks.get(o).getFirst();
    }

    /** Multiplies output columns [from, to) by {@code factor} (weights and bias): e.g. the 1/√d of the scores. */
    public FoldedLinear scaleColumns(int from, int to, double factor) {
        for (int column = from; column < to; column++) {
            int o = column / width;
            int col = column % width;
            for (double[][] block : blocks.get(o)) for (double[] r : block) r[col] *= factor;
            biases.get(o)[col] *= factor;
        }
        return this;
    }
}
