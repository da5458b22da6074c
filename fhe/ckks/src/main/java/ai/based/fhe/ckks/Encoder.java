package ai.based.fhe.ckks;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.rlwe.Plaintext;

/**
 * The CKKS canonical embedding: N/2 complex slots z_k = m(zeta^(5^k)), zeta = exp(i pi / N). With
 * v_j = m_j + i m_(j+N/2), m(zeta^(4t+1)) = sum_j (v_j zeta^j) w^(tj) for w = zeta^4, so encoding is an inverse
 * complex FFT of size N/2 plus a twist, and slot k sits at t with 4t + 1 = 5^k mod 2N.
 *
 * <p>A sparse encoder ({@link #Encoder(Parameters, int)}) packs n < N/2 slots, replicated N/(2n) times: the layout
 * sparse-slot bootstrapping expects, and one that rotations keep (a rotation by r of a vector with period n is the
 * same vector rotated by r within its period).
 */
public final class Encoder {
    private final Parameters params;
    private final RingContext ring;
    private final int slots;
    /** The slots callers see: all N/2, or the period a sparse encoder replicates. */
    private final int period;
    private final int[] slotToFft;
    private final double[] twistRe;
    private final double[] twistIm;
    private final Fft fft;

    public Encoder(Parameters params) {
        this(params, params.slots());
    }

    /** Encodes and decodes {@code period} slots (a power of two up to N/2), replicated to fill the ring's slots. */
    public Encoder(Parameters params, int period) {
        if (period < 1 || period > params.slots() || Integer.bitCount(period) != 1) {
            throw new IllegalArgumentException("a sparse encoder's slot count must be a power of two up to " + params.slots() + ", not " + period);
        }
        this.params = params;
        this.ring = params.ring();
        this.slots = params.slots();
        this.period = period;
        int n = params.n();
        long twoN = 2L * n;
        slotToFft = new int[slots];
        long power = 1;
        for (int k = 0; k < slots; k++) {
            slotToFft[k] = (int) ((power - 1) / 4);
            power = power * 5 % twoN;
        }
        twistRe = new double[slots];
        twistIm = new double[slots];
        for (int j = 0; j < slots; j++) {
            twistRe[j] = Math.cos(Math.PI * j / n);
            twistIm[j] = Math.sin(Math.PI * j / n);
        }
        fft = new Fft(slots);
    }

    public int slots() {
        return period;
    }

    public Plaintext encode(double[] values, int level, double scale) {
        double[] im = new double[values.length];
        return encode(values, im, level, scale);
    }

    /** Encodes up to {@link #slots()} complex values (missing slots are zero) at {@code level} and {@code scale}. */
    public Plaintext encode(double[] re, double[] im, int level, double scale) {
        if (re.length > period || im.length > period) throw new IllegalArgumentException("at most " + period + " slots");
        double[] ar = new double[slots];
        double[] ai = new double[slots];
        for (int k = 0; k < slots; k++) {
            int source = k % period;
            ar[slotToFft[k]] = source < re.length ? re[source] : 0;
            ai[slotToFft[k]] = source < im.length ? im[source] : 0;
        }
        fft.inverse(ar, ai);
        int n = params.n();
        long[] coefficients = new long[n];
        for (int j = 0; j < slots; j++) {
            // untwist: multiply by zeta^-j
            double vr = ar[j] * twistRe[j] + ai[j] * twistIm[j];
            double vi = ai[j] * twistRe[j] - ar[j] * twistIm[j];
            coefficients[j] = scaledRound(vr, scale);
            coefficients[j + slots] = scaledRound(vi, scale);
        }
        long[][] rows = new long[level + 1][n];
        for (int i = 0; i <= level; i++) {
            Modulus m = ring.modulus(i);
            long[] row = rows[i];
            // a sparse-slot plaintext is m(X^gap): all but every gap-th coefficient are zero, and the rows start zeroed
            // (reducing every coefficient of every prime was 6% of a bootstrap's time at 8,192 of 32,768 slots)
            for (int c = 0; c < n; c++) {
                long coefficient = coefficients[c];
                if (coefficient != 0) row[c] = m.reduce(coefficient);
            }
            ring.forward(i, row);
        }
        return new Plaintext(rows, level, scale);
    }

    /** The real parts of the slots. */
    public double[] decode(Plaintext plaintext) {
        return decodeComplex(plaintext)[0];
    }

    /** {real parts, imaginary parts} of the slots. */
    public double[][] decodeComplex(Plaintext plaintext) {
        double[] coefficients = centeredCoefficients(plaintext);
        double scale = plaintext.scale();
        double[] ar = new double[slots];
        double[] ai = new double[slots];
        for (int j = 0; j < slots; j++) {
            double vr = coefficients[j] / scale;
            double vi = coefficients[j + slots] / scale;
            ar[j] = vr * twistRe[j] - vi * twistIm[j];
            ai[j] = vr * twistIm[j] + vi * twistRe[j];
        }
        fft.forward(ar, ai);
        double[] re = new double[period];
        double[] im = new double[period];
        for (int k = 0; k < period; k++) {
            re[k] = ar[slotToFft[k]];
            im[k] = ai[slotToFft[k]];
        }
        return new double[][] {re, im};
    }

    /** Coefficients of the plaintext as centered integers (CRT over its primes when above level 0), as doubles. */
    private double[] centeredCoefficients(Plaintext plaintext) {
        int n = params.n();
        int level = plaintext.level();
        long[][] rows = new long[level + 1][];
        for (int i = 0; i <= level; i++) {
            rows[i] = plaintext.rows()[i].clone();
            ring.inverse(i, rows[i]);
        }
        double[] out = new double[n];
        if (level == 0) {
            long q = ring.modulus(0).q;
            for (int c = 0; c < n; c++) {
                long x = rows[0][c];
                out[c] = x > q / 2 ? x - q : x;
            }
            return out;
        }
        // Garner's mixed radix: x = a_0 + q_0 (a_1 + q_1 (a_2 + ...)), all in 64-bit arithmetic; the top digit
        // tells whether x is above Q/2, in which case x - Q is computed from the complemented digits.
        long[][] inverses = new long[level + 1][level + 1];
        for (int i = 1; i <= level; i++) {
            for (int j = 0; j < i; j++) inverses[i][j] = ring.modulus(i).inverse(ring.modulus(j).q % ring.modulus(i).q);
        }
        long[] digits = new long[level + 1];
        long topHalf = ring.modulus(level).q >>> 1;
        for (int c = 0; c < n; c++) {
            for (int i = 0; i <= level; i++) {
                var mi = ring.modulus(i);
                long t = rows[i][c];
                for (int j = 0; j < i; j++) t = mi.mul(mi.sub(t, mi.reduce64(digits[j])), inverses[i][j]);
                digits[i] = t;
            }
            boolean negative = digits[level] > topHalf;
            double value = 0;
            for (int i = level; i >= 0; i--) {
                long q = ring.modulus(i).q;
                double digit = negative ? (q - 1 - digits[i]) : digits[i];
                value = value * q + digit;
            }
            out[c] = negative ? -(value + 1) : value;
        }
        return out;
    }

    private static long scaledRound(double value, double scale) {
        double scaled = value * scale;
        if (Math.abs(scaled) >= 0x1p62) {
            throw new IllegalArgumentException("value " + value + " times scale " + scale + " does not fit 62 bits");
        }
        return Math.round(scaled);
    }
}
