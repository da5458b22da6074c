package ai.based.protocol.consensus;

import java.util.Arrays;

/**
 * Stake-weighted median per miner, subtensor's {@code weighted_median_col}: the consensus weight of miner j is
 * the largest weight w such that validators holding at least kappa of the stake gave j a weight of w or more.
 * Equivalently, with minority = (sum of stake) - kappa, it is the smallest weight x for which the stake of
 * validators that gave x or less exceeds minority. Only validators with stake take part.
 *
 * <p>Subtensor finds it with a mid-pivot partition search; here each column is sorted, which returns the same
 * value and does not depend on the order of validators (ties share one weight, and sums of stake are exact).
 */
final class WeightedMedian {
    private static final int INDEX_BITS = 16;
    private static final long INDEX_MASK = (1L << INDEX_BITS) - 1;

    private WeightedMedian() {}

    static long[] perColumn(long[] stake, long[][] weights, long kappa) {
        int n = stake.length;
        int m = weights[0].length;
        int[] voters = new int[n];
        int count = 0;
        long stakeSum = 0;
        for (int i = 0; i < n; i++) {
            if (stake[i] > 0) {
                voters[count++] = i;
                stakeSum += stake[i];
            }
        }
        long[] median = new long[m];
        if (count == 0) return median;
        long minority = Math.max(0, stakeSum - kappa);
        // a key packs the weight (at most 2^32, 33 bits) above the voter's position (16 bits): one primitive sort
        long[] keys = new long[count];
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < count; k++) keys[k] = weights[voters[k]][j] << INDEX_BITS | k;
            Arrays.sort(keys);
            long below = 0;
            for (int k = 0; k < count; k++) {
                below += stake[voters[(int) (keys[k] & INDEX_MASK)]];
                if (below > minority) {
                    median[j] = keys[k] >>> INDEX_BITS;
                    break;
                }
            }
        }
        return median;
    }
}
