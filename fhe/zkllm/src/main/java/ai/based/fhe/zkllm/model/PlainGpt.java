package ai.based.fhe.zkllm.model;

import java.util.function.DoubleUnaryOperator;

/**
 * The HE-friendly polynomial GPT at inference, in double precision and plain Java: the reference that the encrypted
 * circuit is checked against, and the source of the calibrated ranges the circuit needs. Same arithmetic as
 * {@link PolyGpt} in inference mode (running-statistics normalisation, Power-Softmax with the same ε, quadratic
 * activation).
 */
public final class PlainGpt {
    /** Sees each layer's Power-Softmax mean denominator Z̄ (per head and token) during a forward pass. */
    public interface DenominatorProbe {
        void observe(int layer, double meanDenominator);

        /** The same, with the head and the token's position; by default only the layer is passed on. */
        default void observe(int layer, int head, int position, double meanDenominator) {
            observe(layer, meanDenominator);
        }
    }

    private final ModelConfig config;
    private final Weights weights;
    private final DoubleUnaryOperator divisorInverse;

    public PlainGpt(ModelConfig config, Weights weights) {
        this(config, weights, x -> 1 / x);
    }

    /**
     * A model whose attention divides by {@code divisorInverse}'s value instead of exactly: for a bounded attention
     * ({@link ModelConfig#boundedAttention}) this emulates, in doubles, the reciprocal a miner evaluates on ciphertexts
     * (its plaintext twin). A model without a bounded divisor ignores it and divides exactly, as it always has.
     */
    public PlainGpt(ModelConfig config, Weights weights, DoubleUnaryOperator divisorInverse) {
        if (!config.heFriendly()) throw new IllegalArgumentException(config.name() + " is a softmax twin, not an HE-friendly model");
        this.config = config;
        this.weights = weights;
        this.divisorInverse = divisorInverse;
    }

    public ModelConfig config() {
        return config;
    }

    /** Token plus position embeddings: what the client packs and encrypts. */
    public double[][] embed(int[] ids) {
        checkLength(ids.length);
        int d = config.dModel();
        float[] wte = weights.get("wte").values();
        float[] wpe = weights.get("wpe").values();
        double[][] x = new double[ids.length][d];
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] < 0 || ids[t] >= config.vocab()) throw new IllegalArgumentException("token id " + ids[t] + " is outside the vocabulary");
            for (int f = 0; f < d; f++) x[t][f] = wte[ids[t] * d + f] + wpe[t * d + f];
        }
        return x;
    }

    public double[][] logits(int[] ids) {
        return logits(ids, null);
    }

    /** @param probe sees every mean denominator (may be null) */
    public double[][] logits(int[] ids, DenominatorProbe probe) {
        double[][] h = embed(ids);
        for (int l = 0; l < config.layers(); l++) {
            String p = "h." + l + ".";
            add(h, affine(attention(normalize(h, p + "ln_1"), p + "attn", l, probe), p + "attn.c_proj"));
            double[][] hidden = affine(normalize(h, p + "ln_2"), p + "mlp.c_fc");
            for (double[] row : hidden) for (int i = 0; i < row.length; i++) row[i] = 0.125 * row[i] * row[i] + 0.5 * row[i] + 0.25;
            add(h, affine(hidden, p + "mlp.c_proj"));
        }
        return affine(normalize(h, "ln_f"), "lm_head");
    }

    private double[][] attention(double[][] x, String prefix, int layer, DenominatorProbe probe) {
        int d = config.dModel();
        int dh = config.headDim();
        double[][] qkv = affine(x, prefix + ".c_attn");
        double[][] out = new double[x.length][d];
        double scale = 1 / Math.sqrt(dh);
        for (int head = 0; head < config.heads(); head++) {
            int q0 = head * dh;
            int k0 = d + head * dh;
            int v0 = 2 * d + head * dh;
            for (int t = 0; t < x.length; t++) {
                double[] powered = new double[t + 1];
                double sum = 0;
                for (int j = 0; j <= t; j++) {
                    double s = 0;
                    for (int i = 0; i < dh; i++) s += qkv[t][q0 + i] * qkv[j][k0 + i];
                    powered[j] = Math.pow(s * scale, config.power());
                    sum += powered[j];
                }
                double mean = sum / (t + 1);
                if (probe != null) probe.observe(layer, head, t, mean);
                BoundedAttention bounds = config.boundedAttention();
                // bounded: s² / (n (c + Z̄)), the divisor c + Z̄ on the interval the miner's reciprocal covers
                double reciprocal = bounds == null ? 1 / (sum + PolyGpt.POWER_EPS) : divisorInverse.applyAsDouble(bounds.floor() + mean) / (t + 1);
                for (int j = 0; j <= t; j++) {
                    double weight = powered[j] * reciprocal;
                    for (int i = 0; i < dh; i++) out[t][head * dh + i] += weight * qkv[j][v0 + i];
                }
            }
        }
        return out;
    }

    private double[][] normalize(double[][] x, String prefix) {
        float[] gain = weights.get(prefix + ".g").values();
        float[] bias = weights.get(prefix + ".b").values();
        float[] mean = weights.get(prefix + ".running_mean").values();
        float[] variance = weights.get(prefix + ".running_var").values();
        double[][] y = new double[x.length][x[0].length];
        for (int t = 0; t < x.length; t++) {
            for (int f = 0; f < x[t].length; f++) {
                y[t][f] = (x[t][f] - mean[f]) / Math.sqrt(variance[f] + PolyGpt.NORM_EPS) * gain[f] + bias[f];
            }
        }
        return y;
    }

    private double[][] affine(double[][] x, String prefix) {
        Weights.Tensor w = weights.get(prefix + ".w");
        float[] b = weights.get(prefix + ".b").values();
        int in = (int) w.shape()[0];
        int outWidth = (int) w.shape()[1];
        float[] values = w.values();
        double[][] y = new double[x.length][outWidth];
        for (int t = 0; t < x.length; t++) {
            double[] row = y[t];
            for (int o = 0; o < outWidth; o++) row[o] = b[o];
            for (int i = 0; i < in; i++) {
                double xi = x[t][i];
                int base = i * outWidth;
                for (int o = 0; o < outWidth; o++) row[o] += xi * values[base + o];
            }
        }
        return y;
    }

    private static void add(double[][] into, double[][] delta) {
        for (int t = 0; t < into.length; t++) for (int f = 0; f < into[t].length; f++) into[t][f] += delta[t][f];
    }

    private void checkLength(int length) {
        if (length == 0) throw new IllegalArgumentException("an empty prompt has no next token");
        if (length > config.context()) {
            throw new IllegalArgumentException("a prompt of " + length + " tokens is longer than the context of " + config.context() + " tokens");
        }
    }
}
