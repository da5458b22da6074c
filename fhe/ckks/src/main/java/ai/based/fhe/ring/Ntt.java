package ai.based.fhe.ring;

/**
 * Negacyclic NTT over Z_q[X]/(X^N+1): Cooley-Tukey forward with bit-reversed powers of a primitive 2N-th root psi
 * (output in bit-reversed order) and Gentleman-Sande inverse, with Shoup multiplication and lazy reduction
 * (values stay in [0, 4q) inside the transform). Evaluation point of output slot i is psi^(2 bitrev(i) + 1).
 */
public final class Ntt {
    private final int n;
    private final int logN;
    private final Modulus m;
    private final long[] psiRev;
    private final long[] psiRevShoup;
    private final long[] psiInvRev;
    private final long[] psiInvRevShoup;
    private final long nInv;
    private final long nInvShoup;
    /** Last inverse stage fused with the scaling by 1/N. */
    private final long lastInvScaled;
    private final long lastInvScaledShoup;

    public Ntt(Modulus modulus, int logN) {
        this(modulus, logN, Primes.primitiveRoot(modulus.q, logN));
    }

    /** The transform with the primitive 2N-th root {@code psi}. */
    private Ntt(Modulus modulus, int logN, long psi) {
        if (logN < 2) throw new IllegalArgumentException("the NTT needs N >= 4, got 2^" + logN);
        this.m = modulus;
        this.logN = logN;
        this.n = 1 << logN;
        long psiInv = modulus.inverse(psi);
        psiRev = new long[n];
        psiInvRev = new long[n];
        psiRevShoup = new long[n];
        psiInvRevShoup = new long[n];
        long power = 1;
        long powerInv = 1;
        for (int i = 0; i < n; i++) {
            int r = bitReverse(i, logN);
            psiRev[r] = power;
            psiInvRev[r] = powerInv;
            power = modulus.mul(power, psi);
            powerInv = modulus.mul(powerInv, psiInv);
        }
        for (int i = 0; i < n; i++) {
            psiRevShoup[i] = modulus.shoup(psiRev[i]);
            psiInvRevShoup[i] = modulus.shoup(psiInvRev[i]);
        }
        nInv = modulus.inverse(n);
        nInvShoup = modulus.shoup(nInv);
        lastInvScaled = modulus.mul(psiInvRev[1], nInv);
        lastInvScaledShoup = modulus.shoup(lastInvScaled);
    }

    public Modulus modulus() {
        return m;
    }

    /**
     * The transform of the subring Z_q[X]/(X^(N/gap)+1) whose root is this one's psi^gap, so that for p(X) = c(X^gap)
     * this transform's output slot i / gap holds p's value at slot i (see {@link RingContext#forwardSpread}).
     */
    Ntt subring(int gap) {
        if (gap < 1 || Integer.bitCount(gap) != 1 || gap > n / 4) throw new IllegalArgumentException("a subring's gap is a power of two up to N/4, not " + gap);
        long psiToGap = 1;
        long psi = psiRev[n >>> 1]; // psiRev holds psi^i at bitReverse(i), and bitReverse(1) = N/2
        for (int k = 0; k < gap; k++) psiToGap = m.mul(psiToGap, psi);
        return new Ntt(m, logN - Integer.numberOfTrailingZeros(gap), psiToGap);
    }

    public int n() {
        return n;
    }

    public static int bitReverse(int value, int bits) {
        return Integer.reverse(value) >>> (32 - bits);
    }

    /**
     * In place; input in [0, q), output in [0, q), bit-reversed order. Two Cooley-Tukey stages per pass over the
     * array (radix-4 blocks: four loads, four Shoup products, four stores), which halves the passes over memory; a
     * single radix-2 stage leads when log N is odd, and the last two stages are fused with the final reduction.
     */
    public void forward(long[] a) {
        final long q = m.q;
        final long twoQ = q << 1;
        final long[] w = psiRev;
        final long[] ws = psiRevShoup;
        int t = n >>> 1;
        int groups = 1;
        int stages = logN;
        if ((stages & 1) == 1) {
            long w1 = w[1];
            long w1s = ws[1];
            for (int j = 0; j < t; j++) {
                long u = a[j];
                long x = a[j + t];
                long v = x * w1 - Math.unsignedMultiplyHigh(x, w1s) * q;
                a[j] = u + v;
                a[j + t] = u - v + twoQ;
            }
            groups = 2;
            t >>>= 1;
            stages--;
        }
        for (; stages > 2; stages -= 2, groups <<= 2, t >>>= 2) {
            int h = t >>> 1;
            for (int i = 0; i < groups; i++) {
                long w1 = w[groups + i];
                long w1s = ws[groups + i];
                long w2 = w[2 * (groups + i)];
                long w2s = ws[2 * (groups + i)];
                long w3 = w[2 * (groups + i) + 1];
                long w3s = ws[2 * (groups + i) + 1];
                int j1 = 2 * i * t;
                for (int j = j1; j < j1 + h; j++) {
                    long x0 = a[j];
                    x0 = x0 >= twoQ ? x0 - twoQ : x0;
                    long x1 = a[j + h];
                    x1 = x1 >= twoQ ? x1 - twoQ : x1;
                    long x2 = a[j + t];
                    long x3 = a[j + t + h];
                    long v2 = x2 * w1 - Math.unsignedMultiplyHigh(x2, w1s) * q;
                    long v3 = x3 * w1 - Math.unsignedMultiplyHigh(x3, w1s) * q;
                    long y0 = x0 + v2;
                    y0 = y0 >= twoQ ? y0 - twoQ : y0;
                    long y2 = x0 - v2 + twoQ;
                    y2 = y2 >= twoQ ? y2 - twoQ : y2;
                    long y1 = x1 + v3;
                    long y3 = x1 - v3 + twoQ;
                    long z1 = y1 * w2 - Math.unsignedMultiplyHigh(y1, w2s) * q;
                    long z3 = y3 * w3 - Math.unsignedMultiplyHigh(y3, w3s) * q;
                    a[j] = y0 + z1;
                    a[j + h] = y0 - z1 + twoQ;
                    a[j + t] = y2 + z3;
                    a[j + t + h] = y2 - z3 + twoQ;
                }
            }
        }
        // the last two stages (t = 2, then t = 1) in blocks of four, fused with the reduction to [0, q)
        for (int i = 0; i < groups; i++) {
            long w1 = w[groups + i];
            long w1s = ws[groups + i];
            long w2 = w[2 * (groups + i)];
            long w2s = ws[2 * (groups + i)];
            long w3 = w[2 * (groups + i) + 1];
            long w3s = ws[2 * (groups + i) + 1];
            int j = 4 * i;
            long x0 = a[j];
            x0 = x0 >= twoQ ? x0 - twoQ : x0;
            long x1 = a[j + 1];
            x1 = x1 >= twoQ ? x1 - twoQ : x1;
            long x2 = a[j + 2];
            long x3 = a[j + 3];
            long v2 = x2 * w1 - Math.unsignedMultiplyHigh(x2, w1s) * q;
            long v3 = x3 * w1 - Math.unsignedMultiplyHigh(x3, w1s) * q;
            long y0 = x0 + v2;
            y0 = y0 >= twoQ ? y0 - twoQ : y0;
            long y2 = x0 - v2 + twoQ;
            y2 = y2 >= twoQ ? y2 - twoQ : y2;
            long y1 = x1 + v3;
            long y3 = x1 - v3 + twoQ;
            long z1 = y1 * w2 - Math.unsignedMultiplyHigh(y1, w2s) * q;
            long z3 = y3 * w3 - Math.unsignedMultiplyHigh(y3, w3s) * q;
            a[j] = reduceFromFourQ(y0 + z1, q, twoQ);
            a[j + 1] = reduceFromFourQ(y0 - z1 + twoQ, q, twoQ);
            a[j + 2] = reduceFromFourQ(y2 + z3, q, twoQ);
            a[j + 3] = reduceFromFourQ(y2 - z3 + twoQ, q, twoQ);
        }
    }

    private static long reduceFromFourQ(long x, long q, long twoQ) {
        x = x >= twoQ ? x - twoQ : x;
        return x >= q ? x - q : x;
    }

    /**
     * In place; input in [0, q) bit-reversed, output in [0, q) natural order. Gentleman-Sande stages two at a time
     * (radix-4 blocks), values kept in [0, 2q); the last stage is fused with the scaling by 1/N.
     */
    public void inverse(long[] a) {
        final long q = m.q;
        final long twoQ = q << 1;
        final long[] w = psiInvRev;
        final long[] ws = psiInvRevShoup;
        int t = 1;
        int groups = n >>> 1;
        int stages = logN - 1; // every stage but the last, fused one below
        for (; stages >= 2; stages -= 2, groups >>>= 2, t <<= 2) {
            for (int k = 0; k < groups / 2; k++) {
                long wa = w[groups + 2 * k];
                long was = ws[groups + 2 * k];
                long wb = w[groups + 2 * k + 1];
                long wbs = ws[groups + 2 * k + 1];
                long wc = w[groups / 2 + k];
                long wcs = ws[groups / 2 + k];
                int base = 4 * t * k;
                for (int j = base; j < base + t; j++) {
                    long x0 = a[j];
                    long x1 = a[j + t];
                    long x2 = a[j + 2 * t];
                    long x3 = a[j + 3 * t];
                    long y0 = x0 + x1;
                    y0 = y0 >= twoQ ? y0 - twoQ : y0;
                    long y1 = lazy(x0 - x1 + twoQ, wa, was, q);
                    long y2 = x2 + x3;
                    y2 = y2 >= twoQ ? y2 - twoQ : y2;
                    long y3 = lazy(x2 - x3 + twoQ, wb, wbs, q);
                    long s0 = y0 + y2;
                    a[j] = s0 >= twoQ ? s0 - twoQ : s0;
                    a[j + 2 * t] = lazy(y0 - y2 + twoQ, wc, wcs, q);
                    long s1 = y1 + y3;
                    a[j + t] = s1 >= twoQ ? s1 - twoQ : s1;
                    a[j + 3 * t] = lazy(y1 - y3 + twoQ, wc, wcs, q);
                }
            }
        }
        if (stages == 1) { // one radix-2 stage left before the last when log N - 1 is odd
            int j1 = 0;
            for (int i = 0; i < groups; i++) {
                long wi = w[groups + i];
                long wis = ws[groups + i];
                for (int j = j1; j < j1 + t; j++) {
                    long u = a[j];
                    long v = a[j + t];
                    long sum = u + v;
                    a[j] = sum >= twoQ ? sum - twoQ : sum;
                    a[j + t] = lazy(u - v + twoQ, wi, wis, q);
                }
                j1 += 2 * t;
            }
        }
        int half = n >>> 1;
        for (int j = 0; j < half; j++) {
            long u = a[j];
            long v = a[j + half];
            long sum = u + v;
            if (sum >= twoQ) sum -= twoQ;
            a[j] = m.mulShoup(sum, nInv, nInvShoup);
            a[j + half] = m.mulShoup(u - v + twoQ, lastInvScaled, lastInvScaledShoup);
        }
    }

    /** Shoup product without the final correction: a result in [0, 2q) for any 64-bit x. */
    private static long lazy(long x, long w, long wShoup, long q) {
        return x * w - Math.unsignedMultiplyHigh(x, wShoup) * q;
    }

    int logN() {
        return logN;
    }

    // the tables, for the vectorised transforms of this package (read only)

    long[] psiRev() {
        return psiRev;
    }

    long[] psiRevShoup() {
        return psiRevShoup;
    }

    long[] psiInvRev() {
        return psiInvRev;
    }

    long[] psiInvRevShoup() {
        return psiInvRevShoup;
    }

    long nInv() {
        return nInv;
    }

    long nInvShoup() {
        return nInvShoup;
    }

    long lastInvScaled() {
        return lastInvScaled;
    }

    long lastInvScaledShoup() {
        return lastInvScaledShoup;
    }
}
