package ai.based.gpu;

/**
 * The launch geometry of the two-pass NTT of {@code ckks_kernels.cu} for one ring degree N = 2^logN: the row is
 * viewed as R x T (R = 2^logR rows of T = N / R words). The "head" pass does the logR stages whose butterflies span
 * rows, a block holding all R rows of width / R columns; the "tail" pass does the logT stages inside tiles of T
 * consecutive words, a block holding width words. Rings up to TILE words are one tail pass.
 */
record NttPlan(int logN, int logR, int logT, int width) {
    /** Words per block in shared memory; must equal TILE in ckks_kernels.cu. */
    static final int TILE = 2048;
    /** Fewest columns a head block reads side by side, so that its loads coalesce into 64-byte segments. */
    static final int MIN_COLUMNS = 8;

    static NttPlan of(int logN) {
        int n = 1 << logN;
        if (n <= TILE) return new NttPlan(logN, 0, logN, n);
        int logR = logN / 2;
        int logT = logN - logR;
        if ((1 << logT) > TILE || (1 << logR) * MIN_COLUMNS > TILE) {
            throw new IllegalArgumentException("the GPU NTT handles N up to 2^22, got 2^" + logN);
        }
        return new NttPlan(logN, logR, logT, TILE);
    }

    boolean singlePass() {
        return logR == 0;
    }

    int threads() {
        return width / 2;
    }

    /** Blocks per row, for either pass. */
    int blocksPerRow() {
        return (1 << logN) / width;
    }
}
