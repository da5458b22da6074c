package ai.based.fhe.ckks.ring;

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
        this.m = modulus;
        this.logN = logN;
        this.n = 1 << logN;
        long psi = Primes.primitiveRoot(modulus.q, logN);
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

    public int n() {
        return n;
    }

    public static int bitReverse(int value, int bits) {
        return Integer.reverse(value) >>> (32 - bits);
    }

    /** In place; input in [0, q), output in [0, q), bit-reversed order. */
    public void forward(long[] a) {
        final long q = m.q;
        final long twoQ = q << 1;
        final long[] w = psiRev;
        final long[] ws = psiRevShoup;
        int t = n >>> 1;
        for (int groups = 1; groups < n >>> 1; groups <<= 1, t >>>= 1) {
            for (int i = 0; i < groups; i++) {
                int j1 = 2 * i * t;
                int j2 = j1 + t;
                long wi = w[groups + i];
                long wsi = ws[groups + i];
                for (int j = j1; j < j2; j++) {
                    long u = a[j];
                    u = u >= twoQ ? u - twoQ : u;
                    long x = a[j + t];
                    long v = x * wi - Math.unsignedMultiplyHigh(x, wsi) * q;
                    a[j] = u + v;
                    a[j + t] = u - v + twoQ;
                }
            }
        }
        // last stage (t = 1), fused with the reduction from [0, 4q) to [0, q)
        int half = n >>> 1;
        for (int i = 0; i < half; i++) {
            int j = i << 1;
            long wi = w[half + i];
            long wsi = ws[half + i];
            long u = a[j];
            u = u >= twoQ ? u - twoQ : u;
            long x = a[j + 1];
            long v = x * wi - Math.unsignedMultiplyHigh(x, wsi) * q;
            long even = u + v;
            long odd = u - v + twoQ;
            even = even >= twoQ ? even - twoQ : even;
            odd = odd >= twoQ ? odd - twoQ : odd;
            a[j] = even >= q ? even - q : even;
            a[j + 1] = odd >= q ? odd - q : odd;
        }
    }

    /** In place; input in [0, q) bit-reversed, output in [0, q) natural order. */
    public void inverse(long[] a) {
        final long q = m.q;
        final long twoQ = q << 1;
        int t = 1;
        for (int groups = n >>> 1; groups > 1; groups >>>= 1) {
            int j1 = 0;
            for (int i = 0; i < groups; i++) {
                int j2 = j1 + t;
                long w = psiInvRev[groups + i];
                long wShoup = psiInvRevShoup[groups + i];
                for (int j = j1; j < j2; j++) {
                    long u = a[j];
                    long v = a[j + t];
                    long sum = u + v;
                    if (sum >= twoQ) sum -= twoQ;
                    a[j] = sum;
                    a[j + t] = m.mulShoupLazy(u - v + twoQ, w, wShoup);
                }
                j1 += 2 * t;
            }
            t <<= 1;
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

    int logN() {
        return logN;
    }
}
