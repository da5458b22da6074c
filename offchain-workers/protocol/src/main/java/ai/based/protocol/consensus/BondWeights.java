package ai.based.protocol.consensus;

/**
 * The weights bonds are bought with: W + penalty * (clip(W, C) - W), read element by element so the clipped
 * matrix is never stored. Penalty 1 (the default) is the clipped weight, 0 the raw weight.
 */
record BondWeights(long[][] weights, long[] consensus, long penalty) {

    int validators() {
        return weights.length;
    }

    int miners() {
        return weights[0].length;
    }

    long at(int i, int j) {
        long raw = weights[i][j];
        long clipped = Math.min(raw, consensus[j]);
        if (penalty == Fixed.ONE) return clipped;
        return penalty == 0 ? raw : raw - Fixed.mul(penalty, raw - clipped);
    }
}
