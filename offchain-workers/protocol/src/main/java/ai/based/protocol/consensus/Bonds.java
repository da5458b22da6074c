package ai.based.protocol.consensus;

/**
 * Bonds and dividends, subtensor's two rules (see {@link BondVariant}). Bonds are bought with the weights
 * interpolated between raw and clipped by the bonds penalty; dividends are normalised by the caller.
 */
final class Bonds {
    private Bonds() {}

    /** The new bonds and the raw (unnormalised) dividends. */
    record Update(long[][] bonds, long[] dividends) {}

    static Update update(BondVariant variant, long[][] weightsForBonds, long[][] previous, long[] activeStake,
            long[] incentive, long alpha) {
        return switch (variant) {
            case YUMA -> yuma(weightsForBonds, previous, activeStake, incentive, alpha);
            case YUMA3 -> yuma3(weightsForBonds, previous, activeStake, incentive, alpha);
        };
    }

    /** B = colnorm(alpha * colnorm(W o S) + (1 - alpha) * colnorm(B_old)); d_i = sum_j B_ij * I_j. */
    private static Update yuma(long[][] weights, long[][] previous, long[] stake, long[] incentive, long alpha) {
        int n = weights.length;
        int m = weights[0].length;
        long[][] delta = new long[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) delta[i][j] = Fixed.mul(weights[i][j], stake[i]);
        }
        columnNormalize(delta);
        long[][] old = copy(previous, n, m);
        columnNormalize(old);
        long keep = Fixed.ONE - alpha;
        long[][] bonds = new long[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) bonds[i][j] = Fixed.mul(alpha, delta[i][j]) + Fixed.mul(keep, old[i][j]);
        }
        columnNormalize(bonds);
        long[] dividends = new long[n];
        for (int i = 0; i < n; i++) {
            long total = 0;
            for (int j = 0; j < m; j++) total += Fixed.mul(bonds[i][j], incentive[j]);
            dividends[i] = total;
        }
        return new Update(bonds, dividends);
    }

    /**
     * B = min(1, (1 - alpha) * B_old + alpha * W), bonds as proportions of a weight;
     * d_i = S_i * sum_j colnorm(B)_ij * I_j.
     */
    private static Update yuma3(long[][] weights, long[][] previous, long[] stake, long[] incentive, long alpha) {
        int n = weights.length;
        int m = weights[0].length;
        long[][] old = copy(previous, n, m);
        long keep = Fixed.ONE - alpha;
        long[][] bonds = new long[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                bonds[i][j] = Math.min(Fixed.ONE, Fixed.mul(keep, old[i][j]) + Fixed.mul(alpha, weights[i][j]));
            }
        }
        long[][] normalised = copy(bonds, n, m);
        columnNormalize(normalised);
        long[] dividends = new long[n];
        for (int i = 0; i < n; i++) {
            long total = 0;
            for (int j = 0; j < m; j++) total += Fixed.mul(normalised[i][j], incentive[j]);
            dividends[i] = Fixed.mul(total, stake[i]);
        }
        return new Update(bonds, dividends);
    }

    /** Each column divided by its sum (ties to even); all-zero columns stay zero. */
    static void columnNormalize(long[][] matrix) {
        int m = matrix[0].length;
        long[] sums = new long[m];
        for (long[] row : matrix) {
            for (int j = 0; j < m; j++) sums[j] += row[j];
        }
        for (long[] row : matrix) {
            for (int j = 0; j < m; j++) {
                if (sums[j] != 0) row[j] = Fixed.div(row[j], sums[j]);
            }
        }
    }

    private static long[][] copy(long[][] matrix, int n, int m) {
        long[][] out = new long[n][];
        for (int i = 0; i < n; i++) out[i] = matrix == null ? new long[m] : matrix[i].clone();
        return out;
    }
}
