package ai.based.fhe.ring;

import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.compute.ComputeBackends;

import java.util.List;

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

    public ComputeBackend backend() {
        return backend;
    }

    /** Index of special prime {@code j} in the prime list. */
    public int pIndex(int j) {
        return qCount + j;
    }
}
