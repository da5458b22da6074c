package ai.based.fhe.ring;

import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Modular arithmetic on eight 64-bit lanes (one AVX-512 register). The Vector API has no unsigned high
 * multiplication, so the Shoup quotient is assembled from four 32 x 32 -> 64-bit products, which C2 compiles to
 * {@code vpmuludq}; every other step is one instruction per eight residues.
 */
final class Lanes {
    static final VectorSpecies<Long> SPECIES = LongVector.SPECIES_512;
    static final int LENGTH = 8;
    private static final long LOW_32 = 0xFFFFFFFFL;

    private Lanes() {}

    /** True when this JVM runs eight-lane long vectors in hardware (AVX-512), not as an emulation. */
    static boolean native512() {
        return LongVector.SPECIES_PREFERRED.length() >= LENGTH;
    }

    /** The high 64 bits of the unsigned product x * y for a constant y (broadcast). */
    static LongVector mulHigh(LongVector x, long y) {
        LongVector xLow = x.and(LOW_32);
        LongVector xHigh = x.lanewise(VectorOperators.LSHR, 32);
        LongVector broadcast = LongVector.broadcast(SPECIES, y);
        return combine(xLow.mul(lowHalf(broadcast)), xLow.mul(highHalf(broadcast)), xHigh.mul(lowHalf(broadcast)),
                xHigh.mul(highHalf(broadcast)));
    }

    /*
     * A broadcast constant's halves are taken from the vector with an AND and a shift, not broadcast from scalar halves:
     * C2 compiles a 64-bit lane product to the one-cycle vpmuludq only when it sees both operands' upper halves cleared
     * by such an operation, and to vpmullq otherwise. The operations on the constant are loop invariant and hoisted.
     */
    private static LongVector lowHalf(LongVector y) {
        return y.and(LOW_32);
    }

    private static LongVector highHalf(LongVector y) {
        return y.lanewise(VectorOperators.LSHR, 32);
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

    /** x * w mod q in [0, 2q) for a constant w < q with its Shoup companion. */
    static LongVector mulShoupLazy(LongVector x, long w, long wShoup, long q) {
        return x.mul(w).sub(mulHigh(x, wShoup).mul(q));
    }

    /**
     * x * w mod q in [0, 2q) for a constant w < q, congruent to {@link #mulShoupLazy}'s result but not always equal to
     * it (they may differ by q): the quotient is built from three of the four 32 x 32-bit partial products, without
     * x_low * w'_low and without the carries out of the middle sum. Those add less than 3 to the quotient's high word,
     * so the estimate is at most 2 below Shoup's, x * w - estimate * q lies in [0, 4q) (below 2^63 for q < 2^61), and
     * one conditional subtraction of 2q finishes: five products and nine other operations against six and sixteen.
     * For the transforms, whose outputs are fully reduced.
     */
    static LongVector mulShoupTruncated(LongVector x, long w, long wShoup, long q, long twoQ) {
        LongVector companion = LongVector.broadcast(SPECIES, wShoup);
        return mulShoupTruncated(x, x.mul(w), lowHalf(companion), highHalf(companion), q, twoQ);
    }

    /** Lane-wise {@link #mulShoupTruncated}: twiddles w < q with their Shoup companions. */
    static LongVector mulShoupTruncated(LongVector x, LongVector w, LongVector wShoup, long q, long twoQ) {
        return mulShoupTruncated(x, x.mul(w), lowHalf(wShoup), highHalf(wShoup), q, twoQ);
    }

    private static LongVector mulShoupTruncated(LongVector x, LongVector xw, LongVector wsLow, LongVector wsHigh, long q,
            long twoQ) {
        LongVector xLow = x.and(LOW_32);
        LongVector xHigh = x.lanewise(VectorOperators.LSHR, 32);
        LongVector quotient = xHigh.mul(wsHigh)
                .add(xHigh.mul(wsLow).lanewise(VectorOperators.LSHR, 32))
                .add(xLow.mul(wsHigh).lanewise(VectorOperators.LSHR, 32));
        return reduceOnce(xw.sub(quotient.mul(q)), twoQ);
    }

    /** Lane-wise x * w mod q in [0, 2q), w < q with its Shoup companions. */
    static LongVector mulShoupLazy(LongVector x, LongVector w, LongVector wShoup, long q) {
        return x.mul(w).sub(mulHigh(x, wShoup).mul(q));
    }

    /** x - bound where x >= bound: one conditional subtraction (x below 2^63). */
    static LongVector reduceOnce(LongVector x, long bound) {
        return x.lanewise(VectorOperators.SUB, bound, x.compare(VectorOperators.GE, bound));
    }

    /**
     * x * y mod q for lane-wise residues x, y < q, by Barrett reduction with shifts (HAC 14.42, base 2): with L the
     * bits of q and mu = floor(2^(2L) / q), the quotient estimate floor(floor(xy / 2^(L-1)) * mu / 2^(L+1)) is at most
     * two below the true one, so the remainder lies in [0, 3q) (below 2^63 for q < 2^61) and two conditional
     * subtractions finish it (the caller's second pass: {@link VectorKernels#reduceLazy}). Eight 32 x 32-bit products
     * and three 64-bit ones per eight residues; with the two subtractions in the same method C2 reached its inlining
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
