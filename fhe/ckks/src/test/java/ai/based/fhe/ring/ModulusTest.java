package ai.based.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Modulus#reduce128} on the largest inputs the library gives it: the tensor product's cross term
 * a0 b1 + a1 b0, up to 2 (q - 1)^2, whose high word exceeds 2^58 for 61-bit primes (the bound the method's doc
 * named until issue 17), and the edge of the bound it really has, x < q 2^64.
 */
class ModulusTest {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private static List<Modulus> widest() {
        // 2^61 - 1 (prime): the widest modulus the library takes, and the largest 61-bit one
        long smallest61Bit = BigInteger.ONE.shiftLeft(60).nextProbablePrime().longValueExact();
        List<Modulus> moduli = new ArrayList<>(List.of(new Modulus((1L << 61) - 1), new Modulus(smallest61Bit)));
        Primes.ntt(14, List.of(60, 50, 30)).forEach(q -> moduli.add(new Modulus(q)));
        moduli.add(new Modulus(3));
        return moduli;
    }

    @Test
    void theTensorCrossTermOfTheLargestResiduesReducesExactly() {
        for (Modulus m : widest()) {
            BigInteger q = BigInteger.valueOf(m.q);
            BigInteger largest = q.subtract(BigInteger.ONE);
            BigInteger crossTerm = largest.multiply(largest).shiftLeft(1);
            if (m.q == (1L << 61) - 1) { // beyond the bound the doc named until issue 17
                assertThat(crossTerm.shiftRight(64)).isGreaterThan(BigInteger.ONE.shiftLeft(58));
            }
            assertReduces(m, crossTerm);
        }
    }

    @Test
    void everyValueBelowQTimes2To64Reduces() {
        Sampler random = Sampler.named("reduce128");
        for (Modulus m : widest()) {
            BigInteger q = BigInteger.valueOf(m.q);
            BigInteger limit = q.shiftLeft(64); // exclusive
            assertReduces(m, limit.subtract(BigInteger.ONE));
            assertReduces(m, limit.subtract(q));
            assertReduces(m, q.shiftLeft(64).subtract(q).subtract(BigInteger.ONE));
            assertReduces(m, BigInteger.ZERO);
            for (int i = 0; i < 5_000; i++) {
                long high = Math.floorMod(random.nextLong(), m.q);
                long low = random.nextLong();
                assertReduces(m, BigInteger.valueOf(high).shiftLeft(64).add(Modulus.unsigned(low)));
                // just below multiples of q, where an estimate one short leaves the remainder at its largest
                BigInteger multiple = BigInteger.valueOf(high).shiftLeft(64).divide(q).multiply(q);
                if (multiple.signum() > 0) assertReduces(m, multiple.subtract(BigInteger.ONE));
            }
        }
    }

    @Test
    void theScalarTensorOfTheLargestResiduesIsExact() {
        for (Modulus m : widest()) {
            int n = 8;
            long[] top = new long[n];
            java.util.Arrays.fill(top, m.q - 1);
            long[][] out = new long[3][n];
            new CpuBackend().tensor(top, top, top, top, out[0], out[1], out[2], m);
            BigInteger q = BigInteger.valueOf(m.q);
            BigInteger largest = q.subtract(BigInteger.ONE);
            assertThat(out[1][0]).isEqualTo(largest.multiply(largest).shiftLeft(1).mod(q).longValue());
            assertThat(out[0][0]).isEqualTo(largest.multiply(largest).mod(q).longValue());
        }
    }

    private static void assertReduces(Modulus m, BigInteger x) {
        long high = x.shiftRight(64).longValue();
        long low = x.mod(TWO_64).longValue();
        assertThat(m.reduce128(high, low)).as("%s mod %d", x, m.q).isEqualTo(x.mod(BigInteger.valueOf(m.q)).longValue());
    }
    /** A signed value into [0, q), as BigInteger's mod, on the edges of long and of q and on random values. */
    @Test
    void signedValuesReduceIntoZeroToQ() {
        java.util.Random random = new java.util.Random(17);
        for (Modulus m : widest()) {
            List<Long> values = new ArrayList<>(List.of(0L, 1L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, m.q, -m.q, m.q - 1,
                    -(m.q - 1), m.q + 1, -(m.q + 1), 2 * m.q, -2 * m.q));
            for (int i = 0; i < 1000; i++) values.add(random.nextLong());
            for (int i = 0; i < 1000; i++) values.add(random.nextLong() >> random.nextInt(64));
            for (long value : values) {
                assertThat(m.reduce(value)).as("%d mod %d", value, m.q).isEqualTo(BigInteger.valueOf(value).mod(BigInteger.valueOf(m.q)).longValue());
            }
        }
    }
}
