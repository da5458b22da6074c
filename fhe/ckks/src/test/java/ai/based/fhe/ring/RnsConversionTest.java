package ai.based.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * ModDown and rescaling reuse their converted rows from one call to the next (per thread): a second call, and calls
 * whose limbs run on a pool, give what a fresh conversion gives, with one special prime and with two (whose sum
 * starts from a row that held the previous call's values). Rescaling writes fresh rows and leaves its input alone.
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

                        long[][] before = copy(q);
                        long[][] expectedRescaled = new RnsConversion(ring).divideByLastPrime(q, 3);
                        long[][] rescaled = reused.divideByLastPrime(q, 3);
                        assertThat(rescaled).as("rescale, call %d", call).hasNumberOfRows(3).isEqualTo(expectedRescaled);
                        assertThat(q).as("rescaling leaves its input as it was").isEqualTo(before);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * ModDown by several special primes is exact: x = m P + r with |r| < P / 2 comes back as m, not m minus the
     * multiple of P that fast base conversion adds (up to k - 1 per coefficient before the correction).
     */
    @Test
    void moddownBySeveralSpecialPrimesRoundsExactly() {
        for (int k = 1; k <= 4; k++) {
            List<Integer> bits = new java.util.ArrayList<>(List.of(50, 40, 40, 40));
            for (int j = 0; j < k; j++) bits.add(55);
            List<Long> primes = Primes.ntt(LOG_N, bits);
            RingContext ring = new RingContext(LOG_N, primes.subList(0, 4), primes.subList(4, 4 + k));
            java.math.BigInteger p = java.math.BigInteger.ONE;
            for (long prime : primes.subList(4, 4 + k)) p = p.multiply(java.math.BigInteger.valueOf(prime));
            java.util.Random random = new java.util.Random(41 + k);
            long[] m = new long[ring.n()];
            java.math.BigInteger[] x = new java.math.BigInteger[ring.n()];
            for (int i = 0; i < ring.n(); i++) {
                m[i] = random.nextInt(2001) - 1000;
                java.math.BigInteger r = new java.math.BigInteger(p.bitLength() + 8, random).mod(p).subtract(p.shiftRight(1));
                x[i] = java.math.BigInteger.valueOf(m[i]).multiply(p).add(r);
            }
            long[][] q = residues(ring, x, 0, 4);
            long[][] special = residues(ring, x, 4, k);
            new RnsConversion(ring).divideByP(q, 3, special);
            for (int t = 0; t < 4; t++) {
                ring.inverse(t, q[t]);
                long[] expected = new long[ring.n()];
                for (int i = 0; i < ring.n(); i++) expected[i] = ring.modulus(t).reduce(m[i]);
                assertThat(q[t]).as("%d special primes, prime %d", k, t).isEqualTo(expected);
            }
        }
    }

    /**
     * Rescaling, and ModDown with rescaling in one division, against BigInteger arithmetic at every level, with one,
     * two and three special primes, inline and with limbs on a pool: for X = c P + x (c over q_0..q_l, x over q_0..q_l
     * and the special primes), rows 0..l-1 come back as (X - [X]_D) / D with D = P q_l and [X]_D the centred residue;
     * rescaling c alone gives (c - [c]_{q_l}) / q_l. The inputs c are left as they were.
     */
    @Test
    void divisionsByTheLastPrimeRoundExactlyAtEveryLevel() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int k = 1; k <= 3; k++) {
                List<Integer> bits = new java.util.ArrayList<>(List.of(50, 40, 40, 40));
                for (int j = 0; j < k; j++) bits.add(55);
                List<Long> primes = Primes.ntt(LOG_N, bits);
                RingContext ring = new RingContext(LOG_N, primes.subList(0, 4), primes.subList(4, 4 + k));
                java.math.BigInteger p = product(primes.subList(4, 4 + k));
                for (LimbParallelism limbs : List.of(LimbParallelism.INLINE, LimbParallelism.on(pool))) {
                    RnsConversion conversion = new RnsConversion(ring, limbs);
                    for (int level = 1; level <= 3; level++) {
                        String context = String.format("%d special primes, level %d, %s", k, level, limbs == LimbParallelism.INLINE ? "inline" : "pool");
                        java.math.BigInteger q = product(primes.subList(0, level + 1));
                        java.math.BigInteger last = java.math.BigInteger.valueOf(primes.get(level));
                        java.util.Random random = new java.util.Random(7 + 10 * k + level);
                        java.math.BigInteger[] c = new java.math.BigInteger[ring.n()];
                        java.math.BigInteger[] x = new java.math.BigInteger[ring.n()];
                        java.math.BigInteger[] fused = new java.math.BigInteger[ring.n()];
                        java.math.BigInteger[] rescaled = new java.math.BigInteger[ring.n()];
                        for (int i = 0; i < ring.n(); i++) {
                            c[i] = new java.math.BigInteger(q.bitLength() + 8, random).mod(q);
                            x[i] = new java.math.BigInteger(q.bitLength() + p.bitLength() + 8, random).mod(q.multiply(p));
                            fused[i] = roundedQuotient(c[i].multiply(p).add(x[i]), p.multiply(last));
                            rescaled[i] = roundedQuotient(c[i], last);
                        }
                        long[][] cRows = residues(ring, c, 0, level + 1);
                        long[][] before = copy(cRows);
                        assertCoefficients(ring, conversion.divideByLastPrime(cRows, level), rescaled, "rescale, " + context);
                        long[][] xRows = residues(ring, x, 0, level + 1);
                        conversion.divideByPAndLastPrime(cRows, xRows, level, residues(ring, x, 4, k));
                        assertCoefficients(ring, java.util.Arrays.copyOf(xRows, level), fused, "ModDown and rescale, " + context);
                        assertThat(cRows).as("c is read, not written; %s", context).isEqualTo(before);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** (X - [X]_D) / D with [X]_D the centred residue in [-D/2, D/2). */
    private static java.math.BigInteger roundedQuotient(java.math.BigInteger whole, java.math.BigInteger d) {
        java.math.BigInteger residue = whole.mod(d);
        if (residue.compareTo(d.shiftRight(1)) >= 0) residue = residue.subtract(d);
        return whole.subtract(residue).divide(d);
    }

    /** NTT rows 0..rows.length-1 equal the integers {@code expected} modulo their primes. */
    private static void assertCoefficients(RingContext ring, long[][] rows, java.math.BigInteger[] expected, String context) {
        for (int t = 0; t < rows.length; t++) {
            long[] coefficients = rows[t].clone();
            ring.inverse(t, coefficients);
            java.math.BigInteger prime = java.math.BigInteger.valueOf(ring.modulus(t).q);
            long[] want = new long[ring.n()];
            for (int i = 0; i < ring.n(); i++) want[i] = expected[i].mod(prime).longValueExact();
            assertThat(coefficients).as("%s, prime %d", context, t).isEqualTo(want);
        }
    }

    private static java.math.BigInteger product(List<Long> primes) {
        java.math.BigInteger product = java.math.BigInteger.ONE;
        for (long prime : primes) product = product.multiply(java.math.BigInteger.valueOf(prime));
        return product;
    }

    /** x modulo primes from..from + count - 1, NTT form. */
    private static long[][] residues(RingContext ring, java.math.BigInteger[] x, int from, int count) {
        long[][] rows = new long[count][ring.n()];
        for (int r = 0; r < count; r++) {
            java.math.BigInteger prime = java.math.BigInteger.valueOf(ring.modulus(from + r).q);
            for (int i = 0; i < ring.n(); i++) rows[r][i] = x[i].mod(prime).longValueExact();
            ring.forward(from + r, rows[r]);
        }
        return rows;
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
