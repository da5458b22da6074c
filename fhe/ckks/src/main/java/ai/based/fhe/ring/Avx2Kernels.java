package ai.based.fhe.ring;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The element-wise kernels that run faster on four lanes (AVX2) than scalar code: additions, negation, the lazy
 * reduction and the Barrett products (docs/benchmarks.md); same results as {@link CpuBackend}'s. Rows whose length is
 * not a multiple of four go to the scalar kernels. These are {@link VectorKernels}' with {@link Lanes256} for
 * {@link Lanes}, line for line (why a copy: Lanes256): a change to one belongs in both.
 */
final class Avx2Kernels {
    private static final CpuBackend SCALAR = new CpuBackend();

    private Avx2Kernels() {}

    private static boolean scalar(long[] row) {
        return row.length % Lanes256.LENGTH != 0;
    }

    static void reduceLazy(long[] row, Modulus m) {
        if (scalar(row)) {
            SCALAR.reduceLazy(row, m);
            return;
        }
        long q = m.q;
        long twoQ = q << 1;
        for (int i = 0; i < row.length; i += Lanes256.LENGTH) {
            Lanes256.reduceOnce(Lanes256.reduceOnce(LongVector.fromArray(Lanes256.SPECIES, row, i), twoQ), q).intoArray(row, i);
        }
    }

    static void add(long[] a, long[] b, long[] out, Modulus m) {
        if (scalar(out)) {
            SCALAR.add(a, b, out, m);
            return;
        }
        long q = m.q;
        for (int i = 0; i < out.length; i += Lanes256.LENGTH) {
            Lanes256.reduceOnce(LongVector.fromArray(Lanes256.SPECIES, a, i).add(LongVector.fromArray(Lanes256.SPECIES, b, i)), q)
                    .intoArray(out, i);
        }
    }

    static void sub(long[] a, long[] b, long[] out, Modulus m) {
        if (scalar(out)) {
            SCALAR.sub(a, b, out, m);
            return;
        }
        long q = m.q;
        for (int i = 0; i < out.length; i += Lanes256.LENGTH) {
            LongVector difference = LongVector.fromArray(Lanes256.SPECIES, a, i).sub(LongVector.fromArray(Lanes256.SPECIES, b, i));
            Lanes256.reduceOnce(difference.add(q), q).intoArray(out, i);
        }
    }

    /** q - a where a is not zero: one masked subtraction from a broadcast q. */
    static void negate(long[] a, long[] out, Modulus m) {
        if (scalar(out)) {
            SCALAR.negate(a, out, m);
            return;
        }
        long q = m.q;
        LongVector zero = LongVector.zero(Lanes256.SPECIES);
        for (int i = 0; i < out.length; i += Lanes256.LENGTH) {
            LongVector x = LongVector.fromArray(Lanes256.SPECIES, a, i);
            zero.blend(LongVector.broadcast(Lanes256.SPECIES, q).sub(x), x.compare(VectorOperators.NE, 0)).intoArray(out, i);
        }
    }

    static void multiply(long[] a, long[] b, long[] out, Modulus m) {
        if (scalar(out)) {
            SCALAR.multiply(a, b, out, m);
            return;
        }
        long q = m.q;
        int bits = m.bitLength;
        long mu = m.barrettMu;
        for (int i = 0; i < out.length; i += Lanes256.LENGTH) {
            Lanes256.mulModLazy(LongVector.fromArray(Lanes256.SPECIES, a, i), LongVector.fromArray(Lanes256.SPECIES, b, i), q, bits, mu).intoArray(out, i);
        }
        reduceLazy(out, m); // [0, 3q) into [0, q), while the row is in cache
    }

    static void multiplyAdd(long[] a, long[] b, long[] acc, Modulus m) {
        if (scalar(acc)) {
            SCALAR.multiplyAdd(a, b, acc, m);
            return;
        }
        long q = m.q;
        int bits = m.bitLength;
        long mu = m.barrettMu;
        for (int i = 0; i < acc.length; i += Lanes256.LENGTH) {
            LongVector product = Lanes256.mulModLazy(LongVector.fromArray(Lanes256.SPECIES, a, i), LongVector.fromArray(Lanes256.SPECIES, b, i),
                    q, bits, mu);
            LongVector.fromArray(Lanes256.SPECIES, acc, i).add(product).intoArray(acc, i); // [0, q) + [0, 3q): below 4q
        }
        reduceLazy(acc, m);
    }

}
