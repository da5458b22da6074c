package ai.based.fhe.ring;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The element-wise kernels of {@link VectorBackend} on eight lanes; same results as {@link CpuBackend}'s. Rows whose
 * length is not a multiple of eight go to the scalar kernels.
 */
final class VectorKernels {
    private static final CpuBackend SCALAR = new CpuBackend();

    private VectorKernels() {}

    private static boolean scalar(long[] row) {
        return row.length % Lanes.LENGTH != 0;
    }

    static void mulAccumulateLazy(long[] x, long[] w, long[] wShoup, long[] acc, Modulus m) {
        if (scalar(acc)) {
            SCALAR.mulAccumulateLazy(x, w, wShoup, acc, m);
            return;
        }
        long q = m.q;
        long fourQ = q << 2;
        for (int i = 0; i < acc.length; i += Lanes.LENGTH) {
            LongVector product = Lanes.mulShoupLazy(LongVector.fromArray(Lanes.SPECIES, x, i),
                    LongVector.fromArray(Lanes.SPECIES, w, i), LongVector.fromArray(Lanes.SPECIES, wShoup, i), q);
            Lanes.reduceOnce(LongVector.fromArray(Lanes.SPECIES, acc, i).add(product), fourQ).intoArray(acc, i);
        }
    }

    static void reduceLazy(long[] row, Modulus m) {
        if (scalar(row)) {
            SCALAR.reduceLazy(row, m);
            return;
        }
        long q = m.q;
        long twoQ = q << 1;
        for (int i = 0; i < row.length; i += Lanes.LENGTH) {
            Lanes.reduceOnce(Lanes.reduceOnce(LongVector.fromArray(Lanes.SPECIES, row, i), twoQ), q).intoArray(row, i);
        }
    }

    /**
     * Adds (-source mod target) to the residues above half, then reduces with a Shoup product by one (its companion
     * is floor(2^64 / q)), which is exact in [0, 2q) for any 64-bit input.
     */
    static void liftCentered(long[] residues, long sourceModulus, Modulus target, long[] out) {
        if (scalar(out)) {
            SCALAR.liftCentered(residues, sourceModulus, target, out);
            return;
        }
        long q = target.q;
        long half = sourceModulus >>> 1;
        long negatedSource = target.neg(target.reduce64(sourceModulus));
        long oneShoup = target.shoup(1);
        for (int i = 0; i < out.length; i += Lanes.LENGTH) {
            LongVector x = LongVector.fromArray(Lanes.SPECIES, residues, i);
            LongVector shifted = x.lanewise(VectorOperators.ADD, negatedSource, x.compare(VectorOperators.GT, half));
            Lanes.reduceOnce(Lanes.mulShoupLazy(shifted, 1, oneShoup, q), q).intoArray(out, i);
        }
    }

    static void add(long[] a, long[] b, long[] out, Modulus m) {
        if (scalar(out)) {
            SCALAR.add(a, b, out, m);
            return;
        }
        long q = m.q;
        for (int i = 0; i < out.length; i += Lanes.LENGTH) {
            Lanes.reduceOnce(LongVector.fromArray(Lanes.SPECIES, a, i).add(LongVector.fromArray(Lanes.SPECIES, b, i)), q)
                    .intoArray(out, i);
        }
    }

    static void sub(long[] a, long[] b, long[] out, Modulus m) {
        if (scalar(out)) {
            SCALAR.sub(a, b, out, m);
            return;
        }
        long q = m.q;
        for (int i = 0; i < out.length; i += Lanes.LENGTH) {
            LongVector difference = LongVector.fromArray(Lanes.SPECIES, a, i).sub(LongVector.fromArray(Lanes.SPECIES, b, i));
            Lanes.reduceOnce(difference.add(q), q).intoArray(out, i);
        }
    }

    static void subtractAndScale(long[] row, long[] subtrahend, long c, long cShoup, Modulus m) {
        if (scalar(row)) {
            SCALAR.subtractAndScale(row, subtrahend, c, cShoup, m);
            return;
        }
        long q = m.q;
        for (int i = 0; i < row.length; i += Lanes.LENGTH) {
            LongVector difference = LongVector.fromArray(Lanes.SPECIES, row, i)
                    .sub(LongVector.fromArray(Lanes.SPECIES, subtrahend, i)).add(q);
            Lanes.reduceOnce(Lanes.mulShoupLazy(difference, c, cShoup, q), q).intoArray(row, i);
        }
    }

    /** q - a where a is not zero: one masked subtraction from a broadcast q. */
    static void negate(long[] a, long[] out, Modulus m) {
        if (scalar(out)) {
            SCALAR.negate(a, out, m);
            return;
        }
        long q = m.q;
        LongVector zero = LongVector.zero(Lanes.SPECIES);
        for (int i = 0; i < out.length; i += Lanes.LENGTH) {
            LongVector x = LongVector.fromArray(Lanes.SPECIES, a, i);
            zero.blend(LongVector.broadcast(Lanes.SPECIES, q).sub(x), x.compare(VectorOperators.NE, 0)).intoArray(out, i);
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
        for (int i = 0; i < out.length; i += Lanes.LENGTH) {
            Lanes.mulModLazy(LongVector.fromArray(Lanes.SPECIES, a, i), LongVector.fromArray(Lanes.SPECIES, b, i), q, bits, mu).intoArray(out, i);
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
        for (int i = 0; i < acc.length; i += Lanes.LENGTH) {
            LongVector product = Lanes.mulModLazy(LongVector.fromArray(Lanes.SPECIES, a, i), LongVector.fromArray(Lanes.SPECIES, b, i),
                    q, bits, mu);
            LongVector.fromArray(Lanes.SPECIES, acc, i).add(product).intoArray(acc, i); // [0, q) + [0, 3q): below 4q
        }
        reduceLazy(acc, m);
    }

    /** The product lazily in [0, 2q), added to acc in [0, q): below 3q, two conditional subtractions. */
    static void multiplyConstantAdd(long[] a, long c, long cShoup, long[] acc, Modulus m) {
        if (scalar(acc)) {
            SCALAR.multiplyConstantAdd(a, c, cShoup, acc, m);
            return;
        }
        long q = m.q;
        for (int i = 0; i < acc.length; i += Lanes.LENGTH) {
            LongVector sum = LongVector.fromArray(Lanes.SPECIES, acc, i).add(Lanes.mulShoupLazy(LongVector.fromArray(Lanes.SPECIES, a, i), c, cShoup, q));
            Lanes.reduceOnce(Lanes.reduceOnce(sum, q), q).intoArray(acc, i);
        }
    }

    static void multiplyConstant(long[] a, long c, long cShoup, long[] out, Modulus m) {
        if (scalar(out)) {
            SCALAR.multiplyConstant(a, c, cShoup, out, m);
            return;
        }
        long q = m.q;
        for (int i = 0; i < out.length; i += Lanes.LENGTH) {
            Lanes.reduceOnce(Lanes.mulShoupLazy(LongVector.fromArray(Lanes.SPECIES, a, i), c, cShoup, q), q).intoArray(out, i);
        }
    }
}
