package ai.based.fhe.ring;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.compute.ComputeBackend;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The compute kernels: the scalar ones against BigInteger arithmetic, and every accelerated backend present on this
 * machine (the AVX-512 one where /proc/cpuinfo and the JVM's modules say it can run, whichever backend is selected)
 * against the scalar ones bit for bit, on random residues and on the bounds' edges.
 */
class KernelsTest {
    private static final int N = 1 << 10;
    private final CpuBackend scalar = new CpuBackend();
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
        List<ComputeBackend> backends = MachineBackends.acceleratedBackends("vectorKernelsEqualTheScalarOnes");
        Assumptions.assumeFalse(backends.isEmpty(), "no accelerated backend on this machine");
        for (ComputeBackend backend : backends) {
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
                backend.mulAccumulateLazy(x, w, shoup(w, m), actual, m);
                assertThat(actual).isEqualTo(expected);
                scalar.reduceLazy(expected, m);
                backend.reduceLazy(actual, m);
                assertThat(actual).isEqualTo(expected);

                for (Modulus source : moduli) {
                    long[] residues = rows(source, 1, "vl" + source.q)[0];
                    residues[1] = source.q >>> 1;
                    residues[2] = (source.q >>> 1) + 1;
                    residues[3] = source.q - 1;
                    long[] lifted = new long[N];
                    long[] vectorLifted = new long[N];
                    scalar.liftCentered(residues, source.q, m, lifted);
                    backend.liftCentered(residues, source.q, m, vectorLifted);
                    assertThat(vectorLifted).as("lift %d -> %d", source.q, m.q).isEqualTo(lifted);
                }

                long[] sub = rows(m, 1, "vsub")[0];
                sub[0] = m.q - 1;
                long[] sum = new long[N];
                long[] vectorSum = new long[N];
                scalar.add(x, sub, sum, m);
                backend.add(x, sub, vectorSum, m);
                assertThat(vectorSum).isEqualTo(sum);
                scalar.sub(sub, x, sum, m);
                backend.sub(sub, x, vectorSum, m);
                assertThat(vectorSum).isEqualTo(sum);

                long c = m.q - 2;
                long[] row = x.clone();
                long[] vectorRow = x.clone();
                scalar.subtractAndScale(row, sub, c, m.shoup(c), m);
                backend.subtractAndScale(vectorRow, sub, c, m.shoup(c), m);
                assertThat(vectorRow).isEqualTo(row);
            }
        }
    }

    /**
     * The widest modulus the library allows (2^61 - 1, a prime) and narrower NTT primes: the Barrett shifts depend
     * on the width.
     */
    private static List<Modulus> productModuli() {
        List<Modulus> moduli = new java.util.ArrayList<>(List.of(new Modulus((1L << 61) - 1)));
        Primes.ntt(10, List.of(60, 50, 40, 30, 20)).forEach(q -> moduli.add(new Modulus(q)));
        return moduli;
    }

    @Test
    void scalarProductsAndNegationAreTheModularExpressions() {
        for (Modulus m : productModuli()) {
            long[] a = edged(rows(m, 1, "pa")[0], m);
            long[] b = edged(rows(m, 1, "pb")[0], m);
            long[] acc = rows(m, 1, "pacc")[0];
            BigInteger q = BigInteger.valueOf(m.q);
            long[] product = new long[N];
            long[] sum = acc.clone();
            long[] negated = new long[N];
            long[] scaled = new long[N];
            long c = m.q - 3;
            scalar.multiply(a, b, product, m);
            scalar.multiplyAdd(a, b, sum, m);
            scalar.negate(a, negated, m);
            scalar.multiplyConstant(a, c, m.shoup(c), scaled, m);
            for (int i = 0; i < N; i++) {
                BigInteger ab = BigInteger.valueOf(a[i]).multiply(BigInteger.valueOf(b[i]));
                assertThat(product[i]).isEqualTo(ab.mod(q).longValue());
                assertThat(sum[i]).isEqualTo(ab.add(BigInteger.valueOf(acc[i])).mod(q).longValue());
                assertThat(negated[i]).isEqualTo(Math.floorMod(-a[i], m.q));
                assertThat(scaled[i]).isEqualTo(BigInteger.valueOf(a[i]).multiply(BigInteger.valueOf(c)).mod(q).longValue());
            }
        }
    }

    @Test
    void scalarTensorIsTheProductOfTheTwoDegreeOnePolynomials() {
        for (Modulus m : productModuli()) {
            long[][] in = rows(m, 4, "tensor");
            for (long[] row : in) edged(row, m);
            long[][] out = new long[3][N];
            scalar.tensor(in[0], in[1], in[2], in[3], out[0], out[1], out[2], m);
            BigInteger q = BigInteger.valueOf(m.q);
            for (int i = 0; i < N; i++) {
                BigInteger a0 = BigInteger.valueOf(in[0][i]);
                BigInteger a1 = BigInteger.valueOf(in[1][i]);
                BigInteger b0 = BigInteger.valueOf(in[2][i]);
                BigInteger b1 = BigInteger.valueOf(in[3][i]);
                assertThat(out[0][i]).isEqualTo(a0.multiply(b0).mod(q).longValue());
                assertThat(out[1][i]).isEqualTo(a0.multiply(b1).add(a1.multiply(b0)).mod(q).longValue());
                assertThat(out[2][i]).isEqualTo(a1.multiply(b1).mod(q).longValue());
            }
        }
    }

    @Test
    void scalarMultiplyConstantAddIsTheModularSumForAnyMultiplicand() {
        for (Modulus m : moduli) {
            long[] a = rows(m, 1, "mca")[0];
            a[0] = -1L;
            a[1] = Long.MAX_VALUE;
            long[] acc = edged(rows(m, 1, "acc")[0], m);
            long[] before = acc.clone();
            long c = m.q - 1;
            scalar.multiplyConstantAdd(a, c, m.shoup(c), acc, m);
            BigInteger q = BigInteger.valueOf(m.q);
            for (int i = 0; i < N; i++) {
                BigInteger expected = Modulus.unsigned(a[i]).multiply(BigInteger.valueOf(c)).add(BigInteger.valueOf(before[i])).mod(q);
                assertThat(acc[i]).isEqualTo(expected.longValue());
            }
        }
    }

    @Test
    void vectorProductsAndNegationEqualTheScalarOnes() {
        List<ComputeBackend> backends = MachineBackends.acceleratedBackends("vectorProductsAndNegationEqualTheScalarOnes");
        Assumptions.assumeFalse(backends.isEmpty(), "no accelerated backend on this machine");
        for (ComputeBackend backend : backends) {
            for (Modulus m : productModuli()) {
                long[][] in = rows(m, 5, "vp");
                for (long[] row : in) edged(row, m);
                long[] expected = new long[N];
                long[] actual = new long[N];
                scalar.multiply(in[0], in[1], expected, m);
                backend.multiply(in[0], in[1], actual, m);
                assertThat(actual).as("multiply mod %d", m.q).isEqualTo(expected);
                expected = in[4].clone();
                actual = in[4].clone();
                scalar.multiplyAdd(in[0], in[1], expected, m);
                backend.multiplyAdd(in[0], in[1], actual, m);
                assertThat(actual).as("multiplyAdd mod %d", m.q).isEqualTo(expected);
                scalar.negate(in[0], expected, m);
                backend.negate(in[0], actual, m);
                assertThat(actual).as("negate mod %d", m.q).isEqualTo(expected);
                long c = m.q - 2;
                scalar.multiplyConstant(in[0], c, m.shoup(c), expected, m);
                backend.multiplyConstant(in[0], c, m.shoup(c), actual, m);
                assertThat(actual).as("multiplyConstant mod %d", m.q).isEqualTo(expected);
                expected = in[4].clone();
                actual = in[4].clone();
                long[] wide = in[2].clone();
                wide[9] = -1L; // any 64-bit multiplicand: base conversion's rows are residues of other primes
                scalar.multiplyConstantAdd(wide, c, m.shoup(c), expected, m);
                backend.multiplyConstantAdd(wide, c, m.shoup(c), actual, m);
                assertThat(actual).as("multiplyConstantAdd mod %d", m.q).isEqualTo(expected);
                long[][] scalarTensor = new long[3][N];
                long[][] vectorTensor = new long[3][N];
                scalar.tensor(in[0], in[1], in[2], in[3], scalarTensor[0], scalarTensor[1], scalarTensor[2], m);
                backend.tensor(in[0], in[1], in[2], in[3], vectorTensor[0], vectorTensor[1], vectorTensor[2], m);
                assertThat(vectorTensor).as("tensor mod %d", m.q).isEqualTo(scalarTensor);
            }
        }
    }

    /** The extremes of [0, q) in the first lanes, so that every vector kernel meets them. */
    private static long[] edged(long[] row, Modulus m) {
        long[] edges = {0, 1, m.q - 1, m.q - 2, m.q >>> 1, (m.q >>> 1) + 1, 2, m.q - 1, m.q - 1};
        System.arraycopy(edges, 0, row, 0, edges.length);
        return row;
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
