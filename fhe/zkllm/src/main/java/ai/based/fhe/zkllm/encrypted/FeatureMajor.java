package ai.based.fhe.zkllm.encrypted;

/**
 * The slot layout of a token sequence's hidden state in one ciphertext: feature-major, slot = feature × tokens +
 * token. A cyclic rotation by k × tokens then shifts every token's features by k at once without mixing tokens,
 * which is what lets one diagonal-method matrix product serve the whole sequence.
 */
public record FeatureMajor(int features, int tokens) {
    public FeatureMajor {
        if (Integer.bitCount(features) != 1 || Integer.bitCount(tokens) != 1) {
            throw new IllegalArgumentException("features (" + features + ") and tokens (" + tokens + ") must be powers of two");
        }
    }

    /** The layout filling {@code slots} with {@code features} per token. */
    public static FeatureMajor filling(int slots, int features) {
        if (features > slots) throw new IllegalArgumentException(features + " features do not fit " + slots + " slots");
        return new FeatureMajor(features, slots / features);
    }

    public int slots() {
        return features * tokens;
    }

    /** Rows are tokens (at most {@link #tokens()}), columns features; missing tokens are zero. */
    public double[] pack(double[][] state) {
        if (state.length > tokens) throw new IllegalArgumentException(state.length + " tokens do not fit a layout of " + tokens);
        double[] slotValues = new double[slots()];
        for (int t = 0; t < state.length; t++) {
            if (state[t].length != features) throw new IllegalArgumentException("token " + t + " has " + state[t].length + " features, not " + features);
            for (int f = 0; f < features; f++) slotValues[f * tokens + t] = state[t][f];
        }
        return slotValues;
    }

    public double[][] unpack(double[] slotValues, int count) {
        double[][] state = new double[count][features];
        for (int t = 0; t < count; t++) for (int f = 0; f < features; f++) state[t][f] = slotValues[f * tokens + t];
        return state;
    }

    /** A per-feature vector repeated for every token. */
    public double[] perFeature(double[] values) {
        double[] slotValues = new double[slots()];
        for (int f = 0; f < features; f++) java.util.Arrays.fill(slotValues, f * tokens, (f + 1) * tokens, values[f]);
        return slotValues;
    }
}
