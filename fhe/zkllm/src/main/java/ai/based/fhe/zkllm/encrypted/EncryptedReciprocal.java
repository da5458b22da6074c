package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.model.BoundedAttention;
import java.util.List;

/**
 * 1/x for x on a known interval [a, b] (0 &lt; a &lt; b), on a ciphertext and, with the same arithmetic in doubles, in
 * the clear (its twin, {@link #value}): what lets the miner divide attention by a bounded divisor
 * ({@link BoundedAttention}) without the client.
 *
 * <p>The first guess is the line y₀ = αx + β of smallest relative error on [a, b]: its residual e = 1 - x y₀ is
 * T₂(t(x)) / T₂(t(0)), with t mapping [a, b] onto [-1, 1], so |e| ≤ δ = 1 / T₂((b + a) / (b - a)) on the interval.
 * Then k Goldschmidt steps, y = y₀ (1 + e)(1 + e²)(1 + e⁴) ... (1 + e^(2^(k-1))) = (1 - e^(2^k)) / x, one level each:
 * the same result as k Newton steps (two levels each). A Chebyshev first guess of higher degree buys nothing here: on
 * [1, 256] degree 7 gives δ = 0.65 against the line's 0.97, saving three doublings but costing four more levels than
 * the line's one (measured by the depth of {@code Chebyshev.evaluate}). Depth k + 2; relative error at most
 * δ^(2^k) on [a, b].
 *
 * <p>Outside the interval: x y = 1 - e^(2^k) is never above 1 (an even power), so the attention weights a divisor
 * gets never sum to more than 1. For every x in (0, a + b) |e| &lt; 1: between b and a + b the result fades to 0 (the
 * token attends to less and less), below a it still tends to 1/x from below. Beyond a + b |e| &gt; 1 and the result
 * grows as -e^(2^k): a polynomial cannot stay bounded on an unbounded range, so the interval must hold the divisor's
 * real range with margin (which the model's ceiling penalty and the interval's headroom over it provide), just as every
 * CKKS value must stay within the range its parameters and bootstrapping allow.
 */
public final class EncryptedReciprocal {
    /**
     * A fresh-ciphertext set for the reciprocal alone: N = 2^14, q = [47, 33 × 10], p = [53], log QP 430 of the 438
     * that 128-bit security allows, depth 10, scale 2^33.
     */
    public static final ParametersLiteral PARAMETERS = new ParametersLiteral(14, List.of(47, 33, 33, 33, 33, 33, 33, 33, 33, 33, 33), List.of(53), 33);

    private final double low;
    private final double high;
    private final int doublings;
    private final double slope;
    private final double intercept;

    /** @param doublings Goldschmidt steps k: each squares the relative error and costs one level */
    public EncryptedReciprocal(double low, double high, int doublings) {
        if (!(low > 0) || !(high > low) || Double.isInfinite(high)) throw new IllegalArgumentException("1/x needs 0 < a < b, got [" + low + ", " + high + "]");
        if (doublings < 0 || doublings > 30) throw new IllegalArgumentException("between 0 and 30 doublings, not " + doublings);
        this.low = low;
        this.high = high;
        this.doublings = doublings;
        // t = u x + v maps [a, b] onto [-1, 1]; e(x) = (2 t² - 1) / D with D = 2 v² - 1 = T₂(t(0)), and e = 1 - x (αx + β)
        double u = 2 / (high - low);
        double v = -(low + high) / (high - low);
        double d = 2 * v * v - 1;
        this.slope = -2 * u * u / d;
        this.intercept = -4 * u * v / d;
    }

    /** The fewest doublings whose error bound on [a, b] is at most {@code relativeError}. */
    public static EncryptedReciprocal within(double low, double high, double relativeError) {
        for (int k = 0; k <= 30; k++) {
            EncryptedReciprocal r = new EncryptedReciprocal(low, high, k);
            if (r.relativeErrorBound() <= relativeError) return r;
        }
        throw new IllegalArgumentException("no reciprocal on [" + low + ", " + high + "] reaches a relative error of " + relativeError);
    }

    /** The bounded attention's divisor c + Z̄ over [c, high]: {@code high} at or above the model's ceiling U. */
    public static EncryptedReciprocal forAttention(BoundedAttention bounds, double high, int doublings) {
        if (high < bounds.ceiling()) throw new IllegalArgumentException("the interval must reach the ceiling " + bounds.ceiling() + ", not stop at " + high);
        return new EncryptedReciprocal(bounds.floor(), high, doublings);
    }

    public double low() {
        return low;
    }

    public double high() {
        return high;
    }

    public int doublings() {
        return doublings;
    }

    /** Levels consumed: the first guess, the residual, then one per doubling. */
    public int depth() {
        return doublings + 2;
    }

    /** The first guess's worst relative error on [a, b]. */
    public double firstGuessError() {
        double v = (low + high) / (high - low);
        return 1 / (2 * v * v - 1);
    }

    /** δ^(2^k): the worst relative error |x y - 1| on [a, b], before CKKS noise. */
    public double relativeErrorBound() {
        return Math.pow(firstGuessError(), Math.pow(2, doublings));
    }

    /** Where the result stops being bounded: for x in (0, a + b) it lies in [0, 1/x]. */
    public double safeLimit() {
        return low + high;
    }

    /** The twin: the same arithmetic in doubles, what a plaintext emulation of the miner divides by. */
    public double value(double x) {
        double y = slope * x + intercept;
        double e = 1 - x * y;
        for (int i = 0; i < doublings; i++) {
            y *= 1 + e;
            if (i + 1 < doublings) e *= e;
        }
        return y;
    }

    /**
     * 1/x slot by slot, {@link #depth()} levels below {@code x}'s level. The iteration runs on b/x rather than 1/x (the
     * first guess and the line's residual scaled accordingly): CKKS noise is absolute, and 1/x down to 1/b would lose
     * b times more of its relative precision; the factor b is then taken back by the scale alone, exactly and for free.
     */
    public Ciphertext apply(HeOps ops, Ciphertext x) {
        if (x.degree() != 1) throw new IllegalArgumentException("relinearise the divisor first");
        if (x.level() < depth()) throw new IllegalArgumentException("the reciprocal needs " + depth() + " levels, the ciphertext has " + x.level());
        Evaluator evaluator = ops.evaluator();
        double prime = evaluator.parameters().ring().modulus(x.level()).q;
        Ciphertext y = evaluator.addConst(evaluator.rescale(evaluator.mulConst(x, slope * high, prime)), intercept * high);
        Ciphertext shrunk = evaluator.rescale(evaluator.mulConst(x, 1 / high, prime));
        Ciphertext e = evaluator.addConst(evaluator.negate(ops.mulRelinRescale(shrunk, y)), 1);
        for (int i = 0; i < doublings; i++) {
            y = ops.mulRelinRescale(evaluator.dropLevel(y, e.level()), evaluator.addConst(e, 1));
            if (i + 1 < doublings) e = ops.mulRelinRescale(e, e);
        }
        y.setScale(y.scale() * high);
        return y;
    }
}
