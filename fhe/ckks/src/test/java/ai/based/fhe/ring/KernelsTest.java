package ai.based.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The key-switching kernels: the scalar ones against BigInteger arithmetic, and the AVX-512 ones (where this
 * machine and JVM have them) against the scalar ones bit for bit, on random residues and on the bounds' edges.
 */
class KernelsTest {
    private static final int N = 1 << 10;
    private final CpuBackend scalar = new CpuBackend();
    private final VectorBackend vectors = new VectorBackend();
    private List<Modulus> moduli;

    @BeforeEach
    void primes() {
        moduli = Primes.ntt(10, List.of(60, 40, 30)).stream().map(Modulus::new).toList();
    }

    @Test
    void scalarMultiplyAccumulateStaysBelowFourQAndReducesToTheExactSum() {
        for (Modulus m : moduli) {
            long[][] x = rows(m, 7, "x");
            long[][] w = rows(m, 7, "w");
            long[] acc = new long[N];
            for (int j = 0; j < 7; j++) {
                scalar.mulAccumulateLazy(x[j], w[j], shoup(w[j], m), acc, m);
                for (long value : acc) assertThat(value).isBetween(0L, 4 * m.q - 1);
            }
            scalar.reduceLazy(acc, m);
            for (int i = 0; i < N; i++) {
                BigInteger expected = BigInteger.ZERO;
                for (int j = 0; j < 7; j++) expected = expected.add(BigInteger.valueOf(x[j][i]).multiply(BigInteger.valueOf(w[j][i])));
                assertThat(acc[i]).isEqualTo(expected.mod(BigInteger.valueOf(m.q)).longValue());
            }
        }
    }

    @Test
    void scalarLiftReadsResiduesAsCentredIntegers() {
        Modulus source = moduli.get(1);
        for (Modulus target : moduli) {
            long[] residues = rows(source, 1, "lift")[0];
            residues[0] = 0;
            residues[1] = source.q >>> 1; // the largest positive
            residues[2] = (source.q >>> 1) + 1; // the most negative
            residues[3] = source.q - 1; // -1
            long[] out = new long[N];
            scalar.liftCentered(residues, source.q, target, out);
            for (int i = 0; i < N; i++) {
                long centred = residues[i] > source.q / 2 ? residues[i] - source.q : residues[i];
                assertThat(out[i]).isEqualTo(Math.floorMod(centred, target.q));
            }
        }
    }

    @Test
    void scalarSubtractAndScaleIsTheModularExpression() {
        for (Modulus m : moduli) {
            long[] row = rows(m, 1, "row")[0];
            long[] sub = rows(m, 1, "sub")[0];
            long c = Math.floorMod(0x1234_5678_9abcL, m.q);
            long[] out = row.clone();
            scalar.subtractAndScale(out, sub, c, m.shoup(c), m);
            for (int i = 0; i < N; i++) assertThat(out[i]).isEqualTo(m.mul(m.sub(row[i], sub[i]), c));
        }
    }

    @Test
    void scalarAddAndSubtractAreModular() {
        for (Modulus m : moduli) {
            long[] a = rows(m, 1, "a")[0];
            long[] b = rows(m, 1, "b")[0];
            a[0] = m.q - 1;
            b[0] = m.q - 1;
            long[] sum = new long[N];
            long[] difference = new long[N];
            scalar.add(a, b, sum, m);
            scalar.sub(a, b, difference, m);
            for (int i = 0; i < N; i++) {
                assertThat(sum[i]).isEqualTo((a[i] + b[i]) % m.q);
                assertThat(difference[i]).isEqualTo(Math.floorMod(a[i] - b[i], m.q));
            }
        }
    }

    @Test
    void vectorKernelsEqualTheScalarOnes() {
        Assumptions.assumeTrue(vectors.available(), "no AVX-512 or no jdk.incubator.vector");
        for (Modulus m : moduli) {
            long[] x = rows(m, 1, "vx")[0];
            long[] w = rows(m, 1, "vw")[0];
            long[] acc = rows(m, 1, "vacc")[0];
            for (int i = 0; i < N; i++) acc[i] += (i % 4) * m.q; // lazy accumulators anywhere in [0, 4q)
            x[0] = m.q - 1;
            w[0] = m.q - 1;
            acc[0] = 4 * m.q - 1;
            long[] expected = acc.clone();
            long[] actual = acc.clone();
            scalar.mulAccumulateLazy(x, w, shoup(w, m), expected, m);
            vectors.mulAccumulateLazy(x, w, shoup(w, m), actual, m);
            assertThat(actual).isEqualTo(expected);
            scalar.reduceLazy(expected, m);
            vectors.reduceLazy(actual, m);
            assertThat(actual).isEqualTo(expected);

            for (Modulus source : moduli) {
                long[] residues = rows(source, 1, "vl" + source.q)[0];
                residues[1] = source.q >>> 1;
                residues[2] = (source.q >>> 1) + 1;
                residues[3] = source.q - 1;
                long[] lifted = new long[N];
                long[] vectorLifted = new long[N];
                scalar.liftCentered(residues, source.q, m, lifted);
                vectors.liftCentered(residues, source.q, m, vectorLifted);
                assertThat(vectorLifted).as("lift %d -> %d", source.q, m.q).isEqualTo(lifted);
            }

            long[] sub = rows(m, 1, "vsub")[0];
            sub[0] = m.q - 1;
            long[] sum = new long[N];
            long[] vectorSum = new long[N];
            scalar.add(x, sub, sum, m);
            vectors.add(x, sub, vectorSum, m);
            assertThat(vectorSum).isEqualTo(sum);
            scalar.sub(sub, x, sum, m);
            vectors.sub(sub, x, vectorSum, m);
            assertThat(vectorSum).isEqualTo(sum);

            long c = m.q - 2;
            long[] row = x.clone();
            long[] vectorRow = x.clone();
            scalar.subtractAndScale(row, sub, c, m.shoup(c), m);
            vectors.subtractAndScale(vectorRow, sub, c, m.shoup(c), m);
            assertThat(vectorRow).isEqualTo(row);
        }
    }

    private static long[][] rows(Modulus m, int count, String seed) {
        long[][] rows = new long[count][N];
        Sampler random = Sampler.named(seed + m.q);
        for (long[] row : rows) random.uniform(row, m);
        return rows;
    }

    private static long[] shoup(long[] w, Modulus m) {
        long[] out = new long[w.length];
        for (int i = 0; i < w.length; i++) out[i] = m.shoup(w[i]);
        return out;
    }
}
