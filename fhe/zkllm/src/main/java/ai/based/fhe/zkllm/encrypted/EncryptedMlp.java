package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.ckks.ckks.Encoder;
import ai.based.fhe.ckks.ckks.Evaluator;
import ai.based.fhe.ckks.rlwe.Ciphertext;
import ai.based.fhe.zkllm.model.PolyGpt;
import ai.based.fhe.zkllm.model.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer's MLP sublayer of the polynomial GPT on a feature-major ciphertext of the whole sequence:
 * y = act(norm(x) W1 + b1) W2 + b2 with act(v) = 0.125 v² + 0.5 v + 0.25 = v (0.125 v + 0.5) + 0.25. The
 * inference-time normalisation is affine, so it is folded into W1 and b1 here (operation merging): the sublayer
 * costs four levels — W1, the activation's two products, W2 — and no division. The hidden width is split into
 * F-wide blocks, each its own ciphertext.
 */
public final class EncryptedMlp {
    private final FeatureMajor layout;
    private final BatchedLinear linear;
    private final List<double[][]> up = new ArrayList<>();
    private final List<double[]> upBias = new ArrayList<>();
    private final List<double[][]> down = new ArrayList<>();
    private final double[] downBias;

    /** @param prefix the layer's weight prefix, e.g. {@code h.0.} */
    public EncryptedMlp(Weights weights, String prefix, FeatureMajor layout) {
        this(weights, prefix, layout, Runnable::run);
    }

    /** @param encoding a caller-sized executor for encoding the diagonal plaintexts (see {@link BatchedLinear}) */
    public EncryptedMlp(Weights weights, String prefix, FeatureMajor layout, java.util.concurrent.Executor encoding) {
        this.layout = layout;
        this.linear = new BatchedLinear(layout, encoding);
        int d = layout.features();
        float[] gain = weights.get(prefix + "ln_2.g").values();
        float[] bias = weights.get(prefix + "ln_2.b").values();
        float[] mean = weights.get(prefix + "ln_2.running_mean").values();
        float[] variance = weights.get(prefix + "ln_2.running_var").values();
        Weights.Tensor w1 = weights.get(prefix + "mlp.c_fc.w");
        float[] b1 = weights.get(prefix + "mlp.c_fc.b").values();
        Weights.Tensor w2 = weights.get(prefix + "mlp.c_proj.w");
        int hidden = (int) w1.shape()[1];
        if (w1.shape()[0] != d || hidden % d != 0 || w2.shape()[0] != hidden || w2.shape()[1] != d) {
            throw new IllegalArgumentException("the MLP weights under " + prefix + " do not fit " + d + " features");
        }
        // norm(x) = x * a + c with a = g / sqrt(var + eps), c = b - mean * a; folded: W1' = diag(a) W1, b1' = c W1 + b1
        double[] a = new double[d];
        double[] c = new double[d];
        for (int r = 0; r < d; r++) {
            a[r] = gain[r] / Math.sqrt(variance[r] + PolyGpt.NORM_EPS);
            c[r] = bias[r] - mean[r] * a[r];
        }
        for (int block = 0; block < hidden / d; block++) {
            double[][] w = new double[d][d];
            double[] bb = new double[d];
            for (int col = 0; col < d; col++) {
                int h = block * d + col;
                double folded = b1[h];
                for (int r = 0; r < d; r++) {
                    double value = w1.values()[r * hidden + h];
                    w[r][col] = a[r] * value;
                    folded += c[r] * value;
                }
                bb[col] = folded;
            }
            up.add(w);
            upBias.add(bb);
            double[][] wDown = new double[d][d];
            for (int r = 0; r < d; r++) for (int col = 0; col < d; col++) wDown[r][col] = w2.values()[(block * d + r) * d + col];
            down.add(wDown);
        }
        float[] b2 = weights.get(prefix + "mlp.c_proj.b").values();
        downBias = new double[d];
        for (int i = 0; i < d; i++) downBias[i] = b2[i];
    }

    public List<Integer> rotationSteps() {
        return linear.rotationSteps();
    }

    /** Levels the sublayer consumes. */
    public static int depth() {
        return 4;
    }

    public Ciphertext apply(Evaluator evaluator, Encoder encoder, Ciphertext x) {
        if (x.level() < depth()) {
            throw new IllegalArgumentException("the MLP needs " + depth() + " levels, the ciphertext has " + x.level()
                    + ": refresh it on the client first");
        }
        List<Ciphertext> activated = new ArrayList<>();
        for (int block = 0; block < up.size(); block++) {
            Ciphertext v = linear.apply(evaluator, encoder, List.of(x), List.<double[][]>of(up.get(block)));
            v = evaluator.addPlain(v, encoder.encode(layout.perFeature(upBias.get(block)), v.level(), v.scale()));
            double prime = evaluator.parameters().ring().modulus(v.level()).q;
            Ciphertext affine = evaluator.addConst(evaluator.rescale(evaluator.mulConst(v, 0.125, prime)), 0.5);
            Ciphertext product = evaluator.rescale(evaluator.mulRelin(evaluator.dropLevel(v, affine.level()), affine));
            activated.add(evaluator.addConst(product, 0.25));
        }
        Ciphertext y = linear.apply(evaluator, encoder, activated, down);
        return evaluator.addPlain(y, encoder.encode(layout.perFeature(downBias), y.level(), y.scale()));
    }
}
