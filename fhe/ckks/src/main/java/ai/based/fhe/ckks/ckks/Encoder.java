package ai.based.fhe.ckks.ckks;

import ai.based.fhe.ckks.ring.Modulus;
import ai.based.fhe.ckks.ring.RingContext;
import ai.based.fhe.ckks.rlwe.Plaintext;
import java.math.BigInteger;

/**
 * The CKKS canonical embedding: N/2 complex slots z_k = m(zeta^(5^k)), zeta = exp(i pi / N). With
 * v_j = m_j + i m_(j+N/2), m(zeta^(4t+1)) = sum_j (v_j zeta^j) w^(tj) for w = zeta^4, so encoding is an inverse
 * complex FFT of size N/2 plus a twist, and slot k sits at t with 4t + 1 = 5^k mod 2N.
 */
public final class Encoder {
    private final Parameters params;
    private final RingContext ring;
    private final int slots;
    private final int[] slotToFft;
    private final double[] twistRe;
    private final double[] twistIm;
    private final Fft fft;

    public Encoder(Parameters params) {
        this.params = params;
        this.ring = params.ring();
        this.slots = params.slots();
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
        return slots;
    }

    public Plaintext encode(double[] values, int level, double scale) {
        double[] im = new double[values.length];
        return encode(values, im, level, scale);
    }

    /** Encodes up to N/2 complex values (missing slots are zero) at {@code level} and {@code scale}. */
    public Plaintext encode(double[] re, double[] im, int level, double scale) {
        if (re.length > slots || im.length > slots) throw new IllegalArgumentException("at most " + slots + " slots");
        double[] ar = new double[slots];
        double[] ai = new double[slots];
        for (int k = 0; k < re.length; k++) {
            ar[slotToFft[k]] = re[k];
            ai[slotToFft[k]] = k < im.length ? im[k] : 0;
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
            for (int c = 0; c < n; c++) rows[i][c] = m.reduce(coefficients[c]);
            ring.ntt(i).forward(rows[i]);
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
        double[] re = new double[slots];
        double[] im = new double[slots];
        for (int k = 0; k < slots; k++) {
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
            ring.ntt(i).inverse(rows[i]);
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
        BigInteger modulus = BigInteger.ONE;
        for (int i = 0; i <= level; i++) modulus = modulus.multiply(BigInteger.valueOf(ring.modulus(i).q));
        BigInteger[] basis = new BigInteger[level + 1];
        for (int i = 0; i <= level; i++) {
            BigInteger qi = BigInteger.valueOf(ring.modulus(i).q);
            BigInteger hat = modulus.divide(qi);
            basis[i] = hat.multiply(hat.modInverse(qi));
        }
        BigInteger half = modulus.shiftRight(1);
        for (int c = 0; c < n; c++) {
            BigInteger x = BigInteger.ZERO;
            for (int i = 0; i <= level; i++) x = x.add(basis[i].multiply(BigInteger.valueOf(rows[i][c])));
            x = x.mod(modulus);
            if (x.compareTo(half) > 0) x = x.subtract(modulus);
            out[c] = x.doubleValue();
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
