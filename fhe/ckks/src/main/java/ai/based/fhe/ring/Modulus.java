package ai.based.fhe.ring;

import java.math.BigInteger;

/**
 * One RNS prime q < 2^61 with its precomputed Barrett constant, so that products of two residues (up to 122 bits)
 * reduce without division. Shoup constants for fixed multiplicands are made by {@link #shoup(long)}.
 */
public final class Modulus {
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    public final long q;
    private final long ratioHigh;
    private final long ratioLow;
    /** Bits of q (L) and floor(2^(2L) / q) < 2^(L+1): the constants of the lane-wise Barrett product (Lanes.mulModLazy). */
    final int bitLength;
    final long barrettMu;

    public Modulus(long q) {
        if (q < 3 || q >= (1L << 61)) throw new IllegalArgumentException("modulus out of range: " + q);
        this.q = q;
        BigInteger ratio = TWO_128.divide(BigInteger.valueOf(q));
        this.ratioHigh = ratio.shiftRight(64).longValue();
        this.ratioLow = ratio.longValue();
        this.bitLength = 64 - Long.numberOfLeadingZeros(q);
        this.barrettMu = BigInteger.ONE.shiftLeft(2 * bitLength).divide(BigInteger.valueOf(q)).longValueExact();
    }

    public int bits() {
        return 64 - Long.numberOfLeadingZeros(q);
    }

    /** (a * b) mod q for a, b < q (or any a, b whose product is below 2^122). */
    public long mul(long a, long b) {
        return reduce128(Math.unsignedMultiplyHigh(a, b), a * b);
    }

    /**
     * x mod q for the unsigned 128-bit value x = high * 2^64 + low with high < q, i.e. x < q 2^64 (Barrett, SEAL's
     * barrett_reduce_128). Why that bound suffices: the estimate floor(x floor(2^128 / q) / 2^128), less the dropped
     * low word of low * ratioLow, falls short of x / q by under x / 2^128 + 2^-64 < 1 (x < 2^125), so it is the true
     * quotient or one below and one subtraction finishes; and x < q 2^64 keeps the quotient inside 64 bits. The tensor
     * product's cross term, up to 2 (q - 1)^2, has high < q for every q < 2^61 (ModulusTest).
     */
    public long reduce128(long high, long low) {
        long carry = Math.unsignedMultiplyHigh(low, ratioLow);
        long lowTimesHigh = low * ratioHigh;
        long sum = lowTimesHigh + carry;
        long carry2 = Math.unsignedMultiplyHigh(low, ratioHigh) + (Long.compareUnsigned(sum, lowTimesHigh) < 0 ? 1 : 0);
        long highTimesLow = high * ratioLow;
        long sum2 = highTimesLow + sum;
        long carry3 = Math.unsignedMultiplyHigh(high, ratioLow) + (Long.compareUnsigned(sum2, highTimesLow) < 0 ? 1 : 0);
        long quotient = high * ratioHigh + carry2 + carry3;
        long r = low - quotient * q;
        return r >= q ? r - q : r;
    }

    /** The Shoup companion of a fixed multiplicand w < q: floor(w * 2^64 / q), from the Barrett ratio. */
    public long shoup(long w) {
        long estimate = w * ratioHigh + Math.unsignedMultiplyHigh(w, ratioLow);
        long remainder = -estimate * q; // (w << 64) - estimate * q, exact: it lies in [0, 3q)
        while (Long.compareUnsigned(remainder, q) >= 0) {
            estimate++;
            remainder -= q;
        }
        return estimate;
    }

    /** x * w mod q in [0, 2q), for any x < 2^64 and w < q with its Shoup companion. */
    public long mulShoupLazy(long x, long w, long wShoup) {
        long estimate = Math.unsignedMultiplyHigh(x, wShoup);
        return x * w - estimate * q;
    }

    public long mulShoup(long x, long w, long wShoup) {
        long r = mulShoupLazy(x, w, wShoup);
        return r >= q ? r - q : r;
    }

    public long add(long a, long b) {
        long s = a + b;
        return s >= q ? s - q : s;
    }

    public long sub(long a, long b) {
        long d = a - b;
        return d < 0 ? d + q : d;
    }

    public long neg(long a) {
        return a == 0 ? 0 : q - a;
    }

    /** x mod q for 0 <= x < 2^63, without division (single-word Barrett with floor(2^64 / q)). */
    public long reduce64(long x) {
        long r = x - Math.unsignedMultiplyHigh(x, ratioHigh) * q;
        while (r >= q) r -= q;
        return r;
    }

    /** A signed value into [0, q). */
    public long reduce(long signed) {
        // by the magnitude's Barrett reduction, not %: a 64-bit division per coefficient and prime was 6% of a bootstrap
        // (Encoder.encode); the magnitude of Long.MIN_VALUE is 2^63, which reduce64 reads unsigned
        if (signed >= 0) return signed < q ? signed : reduce64(signed);
        if (signed > -q) return signed + q; // most encoded coefficients are smaller than the prime
        long r = reduce64(-signed);
        return r == 0 ? 0 : q - r;
    }

    public long pow(long base, long exponent) {
        long result = 1;
        long b = base % q;
        long e = exponent;
        while (e > 0) {
            if ((e & 1) == 1) result = mul(result, b);
            b = mul(b, b);
            e >>>= 1;
        }
        return result;
    }

    public long inverse(long a) {
        return BigInteger.valueOf(a).modInverse(BigInteger.valueOf(q)).longValue();
    }

    @Override
    public String toString() {
        return Long.toString(q);
    }

    static BigInteger unsigned(long value) {
        return value >= 0 ? BigInteger.valueOf(value) : BigInteger.valueOf(value).add(TWO_64);
    }
}
