package ai.based.protocol.consensus;

/**
 * Bonds and dividends, subtensor's two rules (see {@link BondVariant}). Bonds are bought with the weights
 * interpolated between raw and clipped by the bonds penalty; dividends are normalised by the caller.
 */
final class Bonds {
    private Bonds() {}

    /** The new bonds and the raw (unnormalised) dividends. */
    record Update(long[][] bonds, long[] dividends) {}

    static Update update(BondVariant variant, BondWeights weightsForBonds, long[][] previous, long[] activeStake,
            long[] incentive, long alpha) {
        return switch (variant) {
            case YUMA -> yuma(weightsForBonds, previous, activeStake, incentive, alpha);
            case YUMA3 -> yuma3(weightsForBonds, previous, activeStake, incentive, alpha);
        };
    }

    /**
     * B = colnorm(alpha * colnorm(W o S) + (1 - alpha) * colnorm(B_old)); d_i = sum_j B_ij * I_j. The three
     * column normalisations are fused into the passes that need them, so no normalised copy is ever written.
     */
    private static Update yuma(BondWeights weights, long[][] previous, long[] stake, long[] incentive, long alpha) {
        int n = weights.validators();
        int m = weights.miners();
        long[][] bonds = new long[n][m];
        long[] deltaSums = new long[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                bonds[i][j] = Fixed.mul(weights.at(i, j), stake[i]);
                deltaSums[j] += bonds[i][j];
            }
        }
        Fixed.Divider[] deltaDividers = dividers(deltaSums);
        Fixed.Divider[] oldDividers = previous == null ? null : dividers(columnSums(previous));
        long keep = Fixed.ONE - alpha;
        long[] emaSums = new long[m];
        for (int i = 0; i < n; i++) {
            long[] row = bonds[i];
            for (int j = 0; j < m; j++) {
                long ema = deltaDividers[j] == null ? 0 : Fixed.mul(alpha, deltaDividers[j].divide(row[j]));
                if (oldDividers != null && oldDividers[j] != null) ema += Fixed.mul(keep, oldDividers[j].divide(previous[i][j]));
                row[j] = ema;
                emaSums[j] += ema;
            }
        }
        Fixed.Divider[] emaDividers = dividers(emaSums);
        long[] dividends = new long[n];
        for (int i = 0; i < n; i++) {
            long[] row = bonds[i];
            long total = 0;
            for (int j = 0; j < m; j++) {
                if (emaDividers[j] == null) continue;
                row[j] = emaDividers[j].divide(row[j]);
                total += Fixed.mul(row[j], incentive[j]);
            }
            dividends[i] = total;
        }
        return new Update(bonds, dividends);
    }

    /**
     * B = min(1, (1 - alpha) * B_old + alpha * W), bonds as proportions of a weight;
     * d_i = S_i * sum_j colnorm(B)_ij * I_j.
     */
    private static Update yuma3(BondWeights weights, long[][] previous, long[] stake, long[] incentive, long alpha) {
        int n = weights.validators();
        int m = weights.miners();
        long keep = Fixed.ONE - alpha;
        long[][] bonds = new long[n][m];
        long[] sums = new long[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                long old = previous == null ? 0 : Fixed.mul(keep, previous[i][j]);
                bonds[i][j] = Math.min(Fixed.ONE, old + Fixed.mul(alpha, weights.at(i, j)));
                sums[j] += bonds[i][j];
            }
        }
        Fixed.Divider[] dividers = dividers(sums);
        long[] dividends = new long[n];
        for (int i = 0; i < n; i++) {
            long total = 0;
            for (int j = 0; j < m; j++) {
                if (dividers[j] != null) total += Fixed.mul(dividers[j].divide(bonds[i][j]), incentive[j]);
            }
            dividends[i] = Fixed.mul(total, stake[i]);
        }
        return new Update(bonds, dividends);
    }

    private static long[] columnSums(long[][] matrix) {
        long[] sums = new long[matrix[0].length];
        for (long[] row : matrix) {
            for (int j = 0; j < sums.length; j++) sums[j] = Math.addExact(sums[j], row[j]);
        }
        return sums;
    }

    /** A divider per column sum; null for an all-zero column, which stays zero. */
    private static Fixed.Divider[] dividers(long[] sums) {
        Fixed.Divider[] out = new Fixed.Divider[sums.length];
        for (int j = 0; j < sums.length; j++) out[j] = sums[j] == 0 ? null : new Fixed.Divider(sums[j]);
        return out;
    }
}
