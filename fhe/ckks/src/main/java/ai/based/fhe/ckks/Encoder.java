package ai.based.fhe.ckks;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.rlwe.Plaintext;

/**
 * Encodes slot values into plaintexts (RNS rows, NTT form) through the {@link CanonicalEmbedding}, and decodes them.
 *
 * <p>A sparse encoder ({@link #Encoder(Parameters, int)}) packs n < N/2 slots, replicated N/(2n) times: the layout
 * sparse-slot bootstrapping expects, and one that rotations keep (a rotation by r of a vector with period n is the
 * same vector rotated by r within its period). Such a plaintext is m(X^gap) for the m of the subring of degree 2n that
 * holds the n slots once (gap = N/(2n)), so it is encoded there: an FFT and NTTs of the subring's size instead of
 * the ring's (RingContext#forwardSpread), a quarter of the work at 8,192 of 32,768 slots.
 */
public final class Encoder {
    private final Parameters params;
    private final RingContext ring;
    /** The slots callers see: all N/2, or the period a sparse encoder replicates. */
    private final int period;
    private final CanonicalEmbedding embedding;
    /** The subring's embedding for a sparse encoder (null when the slots fill the ring, or a subring would be below degree 4). */
    private final CanonicalEmbedding subring;

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
        this.period = period;
        this.embedding = new CanonicalEmbedding(params.n());
        this.subring = period < params.slots() && period >= 2 ? new CanonicalEmbedding(2 * period) : null;
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
        int n = params.n();
        long[][] rows = new long[level + 1][n];
        if (subring != null) {
            long[] coefficients = subring.coefficients(re, im, period, scale);
            long[] reduced = new long[coefficients.length];
            for (int i = 0; i <= level; i++) {
                Modulus m = ring.modulus(i);
                for (int c = 0; c < coefficients.length; c++) reduced[c] = m.reduce(coefficients[c]);
                ring.forwardSpread(i, reduced, rows[i]);
            }
        } else {
            long[] coefficients = embedding.coefficients(re, im, period, scale);
            for (int i = 0; i <= level; i++) {
                Modulus m = ring.modulus(i);
                for (int c = 0; c < n; c++) rows[i][c] = m.reduce(coefficients[c]);
                ring.forward(i, rows[i]);
            }
        }
        return new Plaintext(rows, level, scale);
    }

    /** The real parts of the slots. */
    public double[] decode(Plaintext plaintext) {
        return decodeComplex(plaintext)[0];
    }

    /** {real parts, imaginary parts} of the slots. */
    public double[][] decodeComplex(Plaintext plaintext) {
        return embedding.values(centeredCoefficients(plaintext), plaintext.scale(), period);
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
}
