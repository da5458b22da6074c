package ai.based.fhe.ring;

import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.compute.ComputeBackends;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ring Z_{QP}[X]/(X^N+1) in RNS form: the ciphertext primes q_0..q_L (level l uses q_0..q_l) followed by the
 * special primes p_0..p_{k-1} of key switching, each with its NTT tables. Polynomials are one {@code long[N]}
 * row per prime, indexed as here.
 */
public final class RingContext {
    private final int logN;
    private final int n;
    private final int qCount;
    private final Modulus[] moduli;
    private final Ntt[] ntts;
    private final ComputeBackend backend = ComputeBackends.selected();
    /** Subring transforms for {@link #forwardSpread}, by prime index * 64 + log2(gap), made when first used. */
    private final Map<Integer, Ntt> subrings = new ConcurrentHashMap<>();

    /** A ring of 128-bit secure size (see {@link SecurityBound}), or an IllegalArgumentException that says why not. */
    public static RingContext secure(int logN, List<Long> qPrimes, List<Long> pPrimes) {
        String problem = SecurityBound.problem(logN, qPrimes, pPrimes);
        if (problem != null) throw new IllegalArgumentException("refused ring: " + problem);
        return new RingContext(logN, qPrimes, pPrimes);
    }

    /** Unchecked: for tests of this package and the test fixture (TestRings) only; production code goes through {@link #secure}. */
    RingContext(int logN, List<Long> qPrimes, List<Long> pPrimes) {
        this.logN = logN;
        this.n = 1 << logN;
        this.qCount = qPrimes.size();
        int total = qPrimes.size() + pPrimes.size();
        moduli = new Modulus[total];
        ntts = new Ntt[total];
        for (int i = 0; i < total; i++) {
            long q = i < qCount ? qPrimes.get(i) : pPrimes.get(i - qCount);
            moduli[i] = new Modulus(q);
            ntts[i] = new Ntt(moduli[i], logN);
        }
    }

    public int logN() {
        return logN;
    }

    public int n() {
        return n;
    }

    /** Number of ciphertext primes; the top level is qCount() - 1. */
    public int qCount() {
        return qCount;
    }

    public int pCount() {
        return moduli.length - qCount;
    }

    public int maxLevel() {
        return qCount - 1;
    }

    public Modulus modulus(int index) {
        return moduli[index];
    }

    public Ntt ntt(int index) {
        return ntts[index];
    }

    /** Forward NTT of one row under prime {@code index}, on the selected compute backend. */
    public void forward(int index, long[] row) {
        backend.forwardNtt(ntts[index], row);
    }

    public void inverse(int index, long[] row) {
        backend.inverseNtt(ntts[index], row);
    }

    /**
     * The NTT form, under prime {@code index}, of p(X) = c(X^gap) with gap = N / c.length (a sparse-slot plaintext has
     * this shape): output slot i evaluates p at psi^(2 bitrev(i) + 1), which is c's value at psi^gap's slot i / gap, so
     * the subring's transform of size N / gap, each value repeated gap times, replaces one of size N. {@code c}
     * (coefficients in [0, q)) is transformed in place; {@code out} gets the N values.
     */
    public void forwardSpread(int index, long[] c, long[] out) {
        int gap = n / c.length;
        if (gap * c.length != n || out.length != n) throw new IllegalArgumentException("a spread polynomial's " + c.length + " coefficients must divide N = " + n);
        if (gap == 1) {
            System.arraycopy(c, 0, out, 0, n);
            forward(index, out);
            return;
        }
        Ntt subring = subrings.computeIfAbsent(index * 64 + Integer.numberOfTrailingZeros(gap), key -> ntts[index].subring(gap));
        backend.forwardNtt(subring, c);
        // a plain loop: Arrays.fill's call per value cost more than the stores at gap 4
        for (int i = 0, k = 0; i < c.length; i++) {
            long value = c[i];
            for (int j = 0; j < gap; j++) out[k++] = value;
        }
    }

    public ComputeBackend backend() {
        return backend;
    }

    /** Index of special prime {@code j} in the prime list. */
    public int pIndex(int j) {
        return qCount + j;
    }
}
