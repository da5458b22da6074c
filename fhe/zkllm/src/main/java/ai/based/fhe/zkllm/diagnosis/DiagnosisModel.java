package ai.based.fhe.zkllm.diagnosis;

import ai.based.fhe.zkllm.model.Weights;

/**
 * The HE-friendly classifier, in double precision: standardise the 30 measurements, one hidden layer with the
 * quadratic activation act(h) = 0.125 h² + 0.5 h + 0.25 = 0.125 (h + 2)² - 0.25, a linear output: the logit of malignancy.
 * This is the plaintext reference the encrypted circuit is checked against; {@link #folded()} is the form the circuit
 * runs.
 */
public record DiagnosisModel(double[] mean, double[] std, double[][] w1, double[] b1, double[] w2, double b2) {
    public static final int FEATURES = PatientRecords.FEATURES.size();

    public DiagnosisModel {
        if (mean.length != FEATURES || std.length != FEATURES) throw new IllegalArgumentException("the standardisation must have " + FEATURES + " features");
        if (w1.length == 0 || b1.length != w1.length || w2.length != w1.length) {
            throw new IllegalArgumentException("the hidden layer's shapes disagree: " + w1.length + " rows, " + b1.length + " biases, " + w2.length + " outputs");
        }
        for (double[] row : w1) if (row.length != FEATURES) throw new IllegalArgumentException("a hidden unit reads " + row.length + " features, not " + FEATURES);
        for (double s : std) if (!(s > 0)) throw new IllegalArgumentException("a standard deviation is " + s + ", not positive");
    }

    public static double activation(double h) {
        return 0.125 * h * h + 0.5 * h + 0.25;
    }

    public int hidden() {
        return w1.length;
    }

    /** Logits, one per record (positive: malignant). */
    public double[] scores(double[][] records) {
        double[] out = new double[records.length];
        for (int r = 0; r < records.length; r++) out[r] = score(records[r]);
        return out;
    }

    public double score(double[] x) {
        double logit = b2;
        for (int j = 0; j < hidden(); j++) {
            double h = b1[j];
            for (int i = 0; i < FEATURES; i++) h += w1[j][i] * (x[i] - mean[i]) / std[i];
            logit += w2[j] * activation(h);
        }
        return logit;
    }

    /**
     * The same function as a signed sum of squares of affine forms of the raw measurements: logit = Σ_j sign_j g_j(x)² +
     * bias with g_j(x) = Σ_i weights[j][i] x_i + offsets[j]. The standardisation and the activation's shift are folded
     * into the first layer, the output weights (as √|w2_j| · √0.125) into it as well, leaving only their signs, and the
     * activation's constant (-0.25 w2_j) into the bias: the circuit then needs two levels, one for the first layer and one
     * for the squares.
     */
    public Folded folded() {
        double[][] weights = new double[hidden()][FEATURES];
        double[] offsets = new double[hidden()];
        int[] signs = new int[hidden()];
        for (int j = 0; j < hidden(); j++) {
            double a = 0.125 * w2[j];
            double root = Math.sqrt(Math.abs(a));
            signs[j] = a < 0 ? -1 : 1;
            double offset = b1[j] + 2;
            for (int i = 0; i < FEATURES; i++) {
                weights[j][i] = root * w1[j][i] / std[i];
                offset -= w1[j][i] * mean[i] / std[i];
            }
            offsets[j] = root * offset;
        }
        double bias = b2;
        for (double w : w2) bias -= 0.25 * w;
        return new Folded(weights, offsets, signs, bias);
    }

    /** logit = Σ_j signs[j] (weights[j] · x + offsets[j])² + bias. */
    public record Folded(double[][] weights, double[] offsets, int[] signs, double bias) {}

    public Weights toWeights() {
        Weights w = new Weights();
        w.put("mean", tensor(mean));
        w.put("std", tensor(std));
        float[] flat = new float[hidden() * FEATURES];
        for (int j = 0; j < hidden(); j++) for (int i = 0; i < FEATURES; i++) flat[j * FEATURES + i] = (float) w1[j][i];
        w.put("w1", new Weights.Tensor(new long[] {hidden(), FEATURES}, flat));
        w.put("b1", tensor(b1));
        w.put("w2", tensor(w2));
        w.put("b2", tensor(new double[] {b2}));
        return w;
    }

    /** Reads the tensors {@link #toWeights()} writes; shapes are checked, every value must be finite. */
    public static DiagnosisModel fromWeights(Weights w) {
        long[] shape = w.get("w1").shape();
        if (shape.length != 2 || shape[1] != FEATURES) {
            throw new IllegalArgumentException("w1 has shape " + java.util.Arrays.toString(shape) + ", not [hidden, " + FEATURES + "]");
        }
        int hidden = (int) shape[0];
        double[][] w1 = new double[hidden][FEATURES];
        float[] flat = finite(w, "w1", hidden * FEATURES);
        for (int j = 0; j < hidden; j++) for (int i = 0; i < FEATURES; i++) w1[j][i] = flat[j * FEATURES + i];
        return new DiagnosisModel(doubles(finite(w, "mean", FEATURES)), doubles(finite(w, "std", FEATURES)), w1,
                doubles(finite(w, "b1", hidden)), doubles(finite(w, "w2", hidden)), finite(w, "b2", 1)[0]);
    }

    private static float[] finite(Weights w, String name, int size) {
        float[] values = w.get(name).values();
        if (values.length != size) throw new IllegalArgumentException("the tensor '" + name + "' has " + values.length + " values, not " + size);
        for (float v : values) if (!Float.isFinite(v)) throw new IllegalArgumentException("the tensor '" + name + "' holds " + v);
        return values;
    }

    private static Weights.Tensor tensor(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return new Weights.Tensor(new long[] {f.length}, f);
    }

    private static double[] doubles(float[] values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return d;
    }
}
