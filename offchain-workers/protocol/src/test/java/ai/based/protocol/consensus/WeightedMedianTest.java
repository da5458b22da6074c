package ai.based.protocol.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class WeightedMedianTest {

    @Property(tries = 500)
    void thePartitionSearchFindsWhatSortingFinds(@ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int validators,
            @ForAll @IntRange(min = 1, max = 6) int miners) {
        Random random = new Random(seed);
        long[] stake = new long[validators];
        long[][] weights = new long[validators][miners];
        for (int i = 0; i < validators; i++) {
            stake[i] = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 3 : 1 << 20);
            for (int j = 0; j < miners; j++) weights[i][j] = random.nextBoolean() ? random.nextInt(4) * (Fixed.ONE / 4) : random.nextLong(Fixed.ONE + 1);
        }
        long kappa = 1 + random.nextLong(Fixed.ONE);
        assertThat(WeightedMedian.perColumn(stake, weights, kappa)).containsExactly(bySorting(stake, weights, kappa));
    }

    /** The definition, the slow way: sort a column, walk up the cumulative stake until it exceeds the minority. */
    private static long[] bySorting(long[] stake, long[][] weights, long kappa) {
        int m = weights[0].length;
        long total = Arrays.stream(stake).sum();
        long minority = Math.max(0, total - kappa);
        long[] out = new long[m];
        if (total == 0) return out;
        for (int j = 0; j < m; j++) {
            int column = j;
            Integer[] order = new Integer[stake.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Arrays.sort(order, Comparator.comparingLong(i -> weights[i][column]));
            long cumulative = 0;
            for (int i : order) {
                if (stake[i] == 0) continue;
                cumulative += stake[i];
                if (cumulative > minority) {
                    out[j] = weights[i][j];
                    break;
                }
            }
        }
        return out;
    }
}
