package ai.based.fhe.ckks;

/**
 * The CKKS canonical embedding of Z[X]/(X^n+1): n/2 complex slots z_k = m(zeta^(5^k)), zeta = exp(i pi / n). With
 * v_j = m_j + i m_(j+n/2), m(zeta^(4t+1)) = sum_j (v_j zeta^j) w^(tj) for w = zeta^4, so encoding is an inverse
 * complex FFT of size n/2 plus a twist, and slot k sits at t with 4t + 1 = 5^k mod 2n.
 */
final class CanonicalEmbedding {
    private final int n;
    private final int slots;
    private final int[] slotToFft;
    private final double[] twistRe;
    private final double[] twistIm;
    private final Fft fft;

    CanonicalEmbedding(int n) {
        this.n = n;
        this.slots = n / 2;
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

    /**
     * The n coefficients, rounded at {@code scale}, of the polynomial whose slots hold re + i im repeated with period
     * {@code period} (missing values are zero).
     */
    long[] coefficients(double[] re, double[] im, int period, double scale) {
        double[] ar = new double[slots];
        double[] ai = new double[slots];
        for (int k = 0; k < slots; k++) {
            int source = k % period;
            ar[slotToFft[k]] = source < re.length ? re[source] : 0;
            ai[slotToFft[k]] = source < im.length ? im[source] : 0;
        }
        fft.inverse(ar, ai);
        long[] coefficients = new long[n];
        for (int j = 0; j < slots; j++) {
            // untwist: multiply by zeta^-j
            double vr = ar[j] * twistRe[j] + ai[j] * twistIm[j];
            double vi = ai[j] * twistRe[j] - ar[j] * twistIm[j];
            coefficients[j] = scaledRound(vr, scale);
            coefficients[j + slots] = scaledRound(vi, scale);
        }
        return coefficients;
    }

    /** {real parts, imaginary parts} of the first {@code period} slots of the polynomial with these coefficients, over {@code scale}. */
    double[][] values(double[] coefficients, double scale, int period) {
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

    private static long scaledRound(double value, double scale) {
        double scaled = value * scale;
        if (Math.abs(scaled) >= 0x1p62) {
            throw new IllegalArgumentException("value " + value + " times scale " + scale + " does not fit 62 bits");
        }
        return Math.round(scaled);
    }
}
