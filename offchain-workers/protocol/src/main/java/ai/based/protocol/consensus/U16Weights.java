package ai.based.protocol.consensus;

/**
 * Weights as the chain holds them: u16 per miner, max-upscaled so the largest is 65,535 (as bittensor's SDK
 * emits them). Consensus normalises each row, so only ratios matter and max-upscaling keeps the most precision.
 */
public final class U16Weights {
    public static final int MAX = 65_535;

    private U16Weights() {}

    /** Non-negative finite weights of any scale to u16, rounded half to even; all zero stays all zero. */
    public static int[] maxUpscale(double[] weights) {
        double max = 0;
        for (int j = 0; j < weights.length; j++) {
            double w = weights[j];
            if (!(w >= 0) || Double.isInfinite(w)) throw new IllegalArgumentException("weight " + j + " is " + w + ": weights are finite and >= 0");
            max = Math.max(max, w);
        }
        int[] out = new int[weights.length];
        if (max == 0) return out;
        for (int j = 0; j < out.length; j++) out[j] = (int) Math.rint(weights[j] / max * MAX);
        return out;
    }

    /** A validators x miners matrix of doubles (normalised or not) to the u16 rows consensus takes. */
    public static int[][] maxUpscale(double[][] weights) {
        int[][] out = new int[weights.length][];
        for (int i = 0; i < weights.length; i++) out[i] = maxUpscale(weights[i]);
        return out;
    }
}
