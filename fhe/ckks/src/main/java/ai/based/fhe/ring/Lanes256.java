package ai.based.fhe.ring;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Lanes} on four 64-bit lanes (one AVX2 register), for CPUs without AVX-512: the same arithmetic, line for
 * line. AVX2 has no 64-bit lane multiply (vpmullq is AVX-512DQ), so C2 builds each 64-bit lane product from three
 * 32 x 32-bit ones; which kernels still beat scalar code is measured, and {@link Avx2Backend} uses only those.
 * A copy rather than a species parameter: C2 compiles Vector API calls to instructions only where the species is a
 * constant, and a static final field per class is what makes it one.
 */
final class Lanes256 {
    static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_256;
    static final int LENGTH = 4;
    private static final long LOW_32 = 0xFFFFFFFFL;

    private Lanes256() {}

    /** True when this JVM runs four-lane long vectors in hardware (AVX2 or better), not as an emulation. */
    static boolean native256() {
        return LongVector.SPECIES_PREFERRED.length() >= LENGTH;
    }

    /** The high 64 bits of the unsigned product x * y for a constant y (broadcast). */
    static LongVector mulHigh(LongVector x, long y) {
        LongVector xLow = x.and(LOW_32);
        LongVector xHigh = x.lanewise(VectorOperators.LSHR, 32);
        long yLow = y & LOW_32;
        long yHigh = y >>> 32;
        return combine(xLow.mul(yLow), xLow.mul(yHigh), xHigh.mul(yLow), xHigh.mul(yHigh));
    }

    /** The high 64 bits of the unsigned lane products x * y. */
    static LongVector mulHigh(LongVector x, LongVector y) {
        LongVector xLow = x.and(LOW_32);
        LongVector xHigh = x.lanewise(VectorOperators.LSHR, 32);
        LongVector yLow = y.and(LOW_32);
        LongVector yHigh = y.lanewise(VectorOperators.LSHR, 32);
        return combine(xLow.mul(yLow), xLow.mul(yHigh), xHigh.mul(yLow), xHigh.mul(yHigh));
    }

    private static LongVector combine(LongVector lowLow, LongVector lowHigh, LongVector highLow, LongVector highHigh) {
        LongVector middle = lowLow.lanewise(VectorOperators.LSHR, 32)
                .add(lowHigh.and(LOW_32))
                .add(highLow.and(LOW_32));
        return highHigh.add(lowHigh.lanewise(VectorOperators.LSHR, 32))
                .add(highLow.lanewise(VectorOperators.LSHR, 32))
                .add(middle.lanewise(VectorOperators.LSHR, 32));
    }

    /** x - bound where x >= bound: one conditional subtraction (x below 2^63). */
    static LongVector reduceOnce(LongVector x, long bound) {
        return x.lanewise(VectorOperators.SUB, bound, x.compare(VectorOperators.GE, bound));
    }

    /**
     * x * y mod q for lane-wise residues x, y < q, by Barrett reduction with shifts (HAC 14.42, base 2): with L the
     * bits of q and mu = floor(2^(2L) / q), the quotient estimate floor(floor(xy / 2^(L-1)) * mu / 2^(L+1)) is at most
     * two below the true one, so the remainder lies in [0, 3q) (below 2^63 for q < 2^61) and two conditional
     * subtractions finish it (the caller's second pass: {@link Avx2Kernels#reduceLazy}). Eight 32 x 32-bit products
     * and three 64-bit ones per four residues; with the two subtractions in the same method C2 reached its inlining
     * node cutoff and left them out of line (boxed vectors, slower than scalar code).
     */
    static LongVector mulModLazy(LongVector x, LongVector y, long q, int bits, long mu) {
        LongVector low = x.mul(y);
        LongVector high = mulHigh(x, y);
        // floor(xy / 2^(L-1)), below 2^(L+1): high < 2^(2L-64), so the shifted high part stays inside 64 bits
        LongVector top = high.lanewise(VectorOperators.LSHL, 65 - bits).or(low.lanewise(VectorOperators.LSHR, bits - 1));
        LongVector estimateLow = top.mul(mu);
        LongVector estimateHigh = mulHigh(top, mu);
        LongVector quotient = estimateHigh.lanewise(VectorOperators.LSHL, 63 - bits)
                .or(estimateLow.lanewise(VectorOperators.LSHR, bits + 1));
        return low.sub(quotient.mul(q));
    }
}
