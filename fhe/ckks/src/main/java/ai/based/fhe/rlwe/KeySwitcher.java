package ai.based.fhe.rlwe;

import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.RnsConversion;

/**
 * Hybrid key switching with one-prime digits and special primes P (SEAL's scheme): decompose c into its residues,
 * lift each exactly to all primes (ModUp), take the inner product with the key, divide by P (ModDown). The
 * decomposition can be computed once and reused for many Galois keys (hoisting), since an automorphism commutes
 * with it.
 *
 * <p>A single switch never holds the lifted digits: for each target prime it lifts one digit at a time into one
 * scratch row and folds it into the accumulators while the row is still in cache (SEAL's loop order). Holding
 * them all (digits x primes rows, 7.3 MB at N = 16384) is only worth it when many keys share them.
 */
public final class KeySwitcher {
    private final RingContext ring;
    private final ComputeBackend kernels;
    private final RnsConversion conversion;
    private final LimbParallelism limbs;

    public KeySwitcher(RingContext ring) {
        this(ring, LimbParallelism.INLINE);
    }

    public KeySwitcher(RingContext ring, LimbParallelism limbs) {
        this.ring = ring;
        this.kernels = ring.backend();
        this.conversion = new RnsConversion(ring, limbs);
        this.limbs = limbs;
    }

    /** The lifted digits of c at {@code level}: [digit][target prime index in 0..level, then P][coefficient]. */
    public long[][][] decompose(long[][] c, int level) {
        int k = ring.pCount();
        long[][] coefficients = coefficients(c, level);
        long[][][] digits = new long[level + 1][level + 1 + k][];
        limbs.forEach(level + 1, j -> {
            for (int t = 0; t <= level + k; t++) {
                int prime = prime(t, level);
                // the digits outlive c, so its own row is copied
                digits[j][t] = prime == j ? c[j].clone() : digit(c, coefficients, j, prime, new long[ring.n()]);
            }
        });
        return digits;
    }

    /** (d_0, d_1) with d_0 + d_1 s ~ c s' for the key's s', at {@code level}. */
    public long[][][] switchKey(long[][] c, int level, SwitchingKey key) {
        long[][] coefficients = coefficients(c, level);
        return accumulate(level, key, (j, prime, scratch) -> digit(c, coefficients, j, prime, scratch));
    }

    /** The key switch of already decomposed digits. */
    public long[][][] innerProduct(long[][][] digits, int level, SwitchingKey key) {
        return accumulate(level, key, (j, prime, scratch) -> digits[j][targetIndex(prime, level)]);
    }

    /**
     * The key switch of the digits of c(X^g), given the digits of c (a hoisted rotation): each digit row is permuted
     * into the scratch row as it is used.
     */
    public long[][][] innerProduct(long[][][] digits, int[] permutation, int level, SwitchingKey key) {
        return accumulate(level, key, (j, prime, scratch) -> {
            Galois.apply(digits[j][targetIndex(prime, level)], permutation, scratch);
            return scratch;
        });
    }

    public RnsConversion conversion() {
        return conversion;
    }

    /** Digit j's row under {@code prime}, NTT form; may be written into {@code scratch}. */
    private interface DigitRows {
        long[] row(int j, int prime, long[] scratch);
    }

    private long[][][] accumulate(int level, SwitchingKey key, DigitRows digits) {
        int n = ring.n();
        int k = ring.pCount();
        long[][] q0 = new long[level + 1][];
        long[][] q1 = new long[level + 1][];
        long[][] p0 = new long[k][];
        long[][] p1 = new long[k][];
        boolean lean = key.isLean();
        limbs.forEach(level + 1 + k, t -> {
            int prime = prime(t, level);
            Modulus m = ring.modulus(prime);
            long[] acc0 = new long[n];
            long[] acc1 = new long[n];
            long[] scratch = new long[n];
            for (int j = 0; j <= level; j++) {
                long[] d = digits.row(j, prime, scratch);
                if (lean) {
                    // Barrett products keep acc in [0, q), inside the lazy range reduceLazy expects
                    kernels.multiplyAdd(d, key.b()[j][prime], acc0, m);
                    kernels.multiplyAdd(d, key.a()[j][prime], acc1, m);
                } else {
                    kernels.mulAccumulateLazy(d, key.b()[j][prime], key.bShoup()[j][prime], acc0, m);
                    kernels.mulAccumulateLazy(d, key.a()[j][prime], key.aShoup()[j][prime], acc1, m);
                }
            }
            kernels.reduceLazy(acc0, m);
            kernels.reduceLazy(acc1, m);
            if (t <= level) {
                q0[t] = acc0;
                q1[t] = acc1;
            } else {
                p0[t - level - 1] = acc0;
                p1[t - level - 1] = acc1;
            }
        });
        conversion.divideByP(q0, level, p0);
        conversion.divideByP(q1, level, p1);
        return new long[][][] {q0, q1};
    }

    /** The rows of c in the coefficient domain. */
    private long[][] coefficients(long[][] c, int level) {
        long[][] coefficients = new long[level + 1][];
        limbs.forEach(level + 1, j -> {
            coefficients[j] = c[j].clone();
            ring.inverse(j, coefficients[j]);
        });
        return coefficients;
    }

    /** Digit j (the residue of c modulo q_j, as a small integer) under {@code prime}, NTT form: c's own row for q_j. */
    private long[] digit(long[][] c, long[][] coefficients, int j, int prime, long[] scratch) {
        if (prime == j) return c[j];
        conversion.liftInto(coefficients[j], ring.modulus(j).q, prime, scratch);
        return scratch;
    }

    /** The prime of target index t: q_0..q_level, then the special primes. */
    private int prime(int t, int level) {
        return t <= level ? t : ring.pIndex(t - level - 1);
    }

    private int targetIndex(int prime, int level) {
        return prime < ring.qCount() ? prime : level + 1 + prime - ring.qCount();
    }
}
