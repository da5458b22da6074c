package ai.based.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * ModDown and rescaling reuse their converted rows from one call to the next (per thread): a second call, and calls
 * whose limbs run on a pool, give what a fresh conversion gives, with one special prime and with two (whose sum
 * starts from a row that held the previous call's values).
 */
class RnsConversionTest {
    private static final int LOG_N = 6;

    @Test
    void reusedRowsGiveTheResultsOfFreshOnes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (List<Integer> special : List.of(List.of(50), List.of(50, 50))) {
                List<Long> primes = Primes.ntt(LOG_N, List.of(50, 40, 40, 40, 50, 50));
                RingContext ring = new RingContext(LOG_N, primes.subList(0, 4), primes.subList(4, 4 + special.size()));
                for (LimbParallelism limbs : List.of(LimbParallelism.INLINE, LimbParallelism.on(pool))) {
                    RnsConversion reused = new RnsConversion(ring, limbs);
                    for (int call = 0; call < 3; call++) {
                        Sampler random = Sampler.named("moddown" + special.size() + call);
                        long[][] q = rows(ring, 0, 4, random);
                        long[][] p = rows(ring, 4, special.size(), random);
                        long[][] expectedQ = copy(q);
                        new RnsConversion(ring).divideByP(expectedQ, 3, copy(p));
                        reused.divideByP(q, 3, copy(p));
                        assertThat(q).as("ModDown, call %d, %d special primes", call, special.size()).isEqualTo(expectedQ);

                        long[][] rescaled = copy(q);
                        long[][] expectedRescaled = copy(q);
                        new RnsConversion(ring).divideByLastPrime(expectedRescaled, 3);
                        reused.divideByLastPrime(rescaled, 3);
                        for (int t = 0; t < 3; t++) {
                            assertThat(rescaled[t]).as("rescale, call %d, row %d", call, t).isEqualTo(expectedRescaled[t]);
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static long[][] rows(RingContext ring, int from, int count, Sampler random) {
        long[][] rows = new long[count][ring.n()];
        for (int i = 0; i < count; i++) random.uniform(rows[i], ring.modulus(from + i));
        return rows;
    }

    private static long[][] copy(long[][] rows) {
        long[][] copy = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) copy[i] = rows[i].clone();
        return copy;
    }
}
