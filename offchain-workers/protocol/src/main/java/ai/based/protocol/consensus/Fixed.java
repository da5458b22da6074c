package ai.based.protocol.consensus;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Unsigned fixed point with 32 fractional bits held in a {@code long} (subtensor's I32F32 without the sign):
 * the value {@code x} stands for {@code x / 2^32}. Every operation is exact integer arithmetic followed by one
 * rounding to the nearest unit, ties to even, so every oracle signer computes the same bits on any JVM.
 * Sums are exact (integer additions, overflow-checked), hence independent of the order of their terms.
 * Values are never negative: consensus works on stakes, weights and bonds only.
 */
public final class Fixed {
    public static final int FRACTION_BITS = 32;
    public static final long ONE = 1L << FRACTION_BITS;
    private static final long HALF = 1L << (FRACTION_BITS - 1);
    private static final long LOW_MASK = ONE - 1;
    private static final long WIDE_DIVISOR_LIMIT = 1L << 47;

    private Fixed() {}

    /** round(a * b / 2^32), ties to even. */
    public static long mul(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        if ((a | b) < 0 || (high >>> (FRACTION_BITS - 1)) != 0) throw refused("product", a, b);
        long low = a * b;
        long quotient = (high << FRACTION_BITS) | (low >>> FRACTION_BITS);
        // round half to even without a branch (random remainders would mispredict half the time):
        // remainder + (quotient & 1) > HALF exactly when the sum below reaches 2^32
        return quotient + ((low & LOW_MASK) + (quotient & 1) + HALF - 1 >>> FRACTION_BITS);
    }

    /** round(a * 2^32 / b), ties to even: the fixed-point quotient a / b. */
    public static long div(long a, long b) {
        if ((a | b) < 0 || b == 0) throw refused("quotient", a, b);
        if (a < HALF) {
            long numerator = a << FRACTION_BITS;
            return roundHalfEven(numerator / b, numerator % b, b);
        }
        if (b < WIDE_DIVISOR_LIMIT && a / b < HALF) {
            // long division in two 16-bit steps: each shifted remainder stays below 2^63 because b < 2^47
            long whole = a / b;
            long remainder = a % b;
            long first = (remainder << 16) / b;
            remainder = (remainder << 16) % b;
            long second = (remainder << 16) / b;
            remainder = (remainder << 16) % b;
            return roundHalfEven((whole << FRACTION_BITS) | (first << 16) | second, remainder, b);
        }
        return ratio(BigInteger.valueOf(a), BigInteger.valueOf(b));
    }

    /** round(part * 2^32 / whole), ties to even, for integers of any size (stakes in wei). */
    public static long ratio(BigInteger part, BigInteger whole) {
        if (part.signum() < 0 || whole.signum() <= 0) {
            throw new IllegalArgumentException("cannot take the ratio " + part + " / " + whole + ": needs part >= 0 and whole > 0");
        }
        BigInteger[] qr = part.shiftLeft(FRACTION_BITS).divideAndRemainder(whole);
        int half = qr[1].shiftLeft(1).compareTo(whole);
        BigInteger q = half > 0 || (half == 0 && qr[0].testBit(0)) ? qr[0].add(BigInteger.ONE) : qr[0];
        return q.longValueExact();
    }

    /** The nearest fixed-point value to a double in [0, 2^31), ties to even (exact: a double has 53 bits). */
    public static long fromDouble(double value) {
        if (!(value >= 0 && value < HALF)) throw new IllegalArgumentException("cannot convert " + value + " to fixed point");
        return new BigDecimal(value).multiply(BigDecimal.valueOf(ONE)).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    public static double toDouble(long value) {
        return value / (double) ONE;
    }

    /** Exact sum of non-negative values; throws rather than wrap. */
    public static long sum(long[] values) {
        long total = 0;
        for (long value : values) {
            if (value < 0) throw new ArithmeticException("fixed-point values must be non-negative, got " + value);
            total = Math.addExact(total, value);
        }
        return total;
    }

    /** Each element divided by the sum, rounded on its own (ties to even); an all-zero vector stays zero. */
    public static long[] normalize(long[] values) {
        long total = sum(values);
        long[] out = new long[values.length];
        if (total == 0) return out;
        Divider divider = new Divider(total);
        for (int i = 0; i < values.length; i++) out[i] = divider.divide(values[i]);
        return out;
    }

    /**
     * Normalises so that the result sums to exactly {@link #ONE} (an all-zero vector stays zero): each share is
     * rounded down, and the units left over go one each to the largest remainders; equal remainders go to the
     * larger value first, then to the lower index. The index is the only place where input order can matter, and
     * it moves at most one unit.
     */
    public static long[] normalizeExact(long[] values) {
        long total = sum(values);
        int n = values.length;
        long[] out = new long[n];
        if (total == 0) return out;
        BigInteger whole = BigInteger.valueOf(total);
        long[] remainders = new long[n];
        long assigned = 0;
        for (int i = 0; i < n; i++) {
            BigInteger[] qr = BigInteger.valueOf(values[i]).shiftLeft(FRACTION_BITS).divideAndRemainder(whole);
            out[i] = qr[0].longValueExact();
            remainders[i] = qr[1].longValueExact();
            assigned += out[i];
        }
        long left = ONE - assigned;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> {
            int byRemainder = Long.compare(remainders[y], remainders[x]);
            if (byRemainder != 0) return byRemainder;
            int byValue = Long.compare(values[y], values[x]);
            return byValue != 0 ? byValue : Integer.compare(x, y);
        });
        for (int k = 0; k < left; k++) out[order[k]]++;
        return out;
    }

    /** quotient + 1 when remainder / divisor is over one half, or exactly one half and quotient is odd. */
    private static long roundHalfEven(long quotient, long remainder, long divisor) {
        long rest = divisor - remainder;
        return remainder > rest || (remainder == rest && (quotient & 1) == 1) ? quotient + 1 : quotient;
    }

    /** Kept out of line so the hot paths stay small enough to inline. */
    private static ArithmeticException refused(String what, long a, long b) {
        if ((a | b) < 0) return new ArithmeticException("fixed-point operands must be non-negative: " + a + ", " + b);
        if (b == 0 && what.equals("quotient")) return new ArithmeticException("fixed-point division by zero");
        return new ArithmeticException("fixed-point " + what + " overflows: " + a + ", " + b);
    }

    /**
     * Division of many values by one divisor (a row or column sum) with the same result as {@link #div}: an
     * estimate from a precomputed reciprocal, corrected to the exact quotient by its remainder, replaces a
     * hardware division per element.
     */
    static final class Divider {
        private final long divisor;
        private final long reciprocal;

        Divider(long divisor) {
            if (divisor <= 0) throw refused("quotient", 0, divisor);
            this.divisor = divisor;
            this.reciprocal = divisor == 1 ? 0 : Long.divideUnsigned(-1L, divisor);   // floor((2^64 - 1) / b) < 2^63
        }

        long divide(long a) {
            if (a < 0 || a >= HALF || divisor == 1 || divisor >= WIDE_DIVISOR_LIMIT) return div(a, divisor);
            long numerator = a << FRACTION_BITS;
            // numerator < 2^63 makes the estimate at most one low and never high; corrected without a branch
            long quotient = Math.multiplyHigh(numerator, reciprocal);
            long remainder = numerator - quotient * divisor;
            long low = divisor - 1 - remainder >>> 63;
            quotient += low;
            remainder -= low * divisor;
            if (remainder >= divisor) return div(a, divisor);   // never taken; kept so a wrong bound cannot go unseen
            return quotient + (divisor - 2 * remainder - (quotient & 1) >>> 63);
        }
    }
}
