package ai.based.fhe.ckks.rlwe;

import ai.based.fhe.ckks.ring.Galois;
import ai.based.fhe.ckks.ring.LimbParallelism;
import ai.based.fhe.ckks.ring.Modulus;
import ai.based.fhe.ckks.ring.RingContext;
import ai.based.fhe.ckks.ring.RnsConversion;

/**
 * Hybrid key switching with one-prime digits and special primes P (SEAL's scheme): decompose c into its residues,
 * lift each exactly to all primes (ModUp), take the inner product with the key, divide by P (ModDown). The
 * decomposition can be computed once and reused for many Galois keys (hoisting), since an automorphism commutes
 * with it.
 */
public final class KeySwitcher {
    private final RingContext ring;
    private final RnsConversion conversion;
    private final LimbParallelism limbs;

    public KeySwitcher(RingContext ring) {
        this(ring, LimbParallelism.INLINE);
    }

    public KeySwitcher(RingContext ring, LimbParallelism limbs) {
        this.ring = ring;
        this.conversion = new RnsConversion(ring, limbs);
        this.limbs = limbs;
    }

    /** The lifted digits of c at {@code level}: [digit][target prime index in 0..level, then P][coefficient]. */
    public long[][][] decompose(long[][] c, int level) {
        int n = ring.n();
        int k = ring.pCount();
        long[][][] digits = new long[level + 1][level + 1 + k][];
        limbs.forEach(level + 1, j -> {
            long[] coefficients = c[j].clone();
            ring.inverse(j, coefficients);
            long qj = ring.modulus(j).q;
            for (int t = 0; t <= level + k; t++) {
                int prime = t <= level ? t : ring.pIndex(t - level - 1);
                if (prime == j) {
                    digits[j][t] = c[j].clone();
                } else {
                    digits[j][t] = new long[n];
                    conversion.liftInto(coefficients, qj, prime, digits[j][t]);
                }
            }
        });
        return digits;
    }

    /** Applies a Galois permutation to already decomposed digits (the hoisted part of a rotation). */
    public long[][][] permute(long[][][] digits, int[] permutation) {
        long[][][] out = new long[digits.length][][];
        for (int j = 0; j < digits.length; j++) {
            out[j] = new long[digits[j].length][];
            for (int t = 0; t < digits[j].length; t++) {
                out[j][t] = new long[permutation.length];
                Galois.apply(digits[j][t], permutation, out[j][t]);
            }
        }
        return out;
    }

    /** (d_0, d_1) with d_0 + d_1 s ~ c s' for the key's s', at {@code level}. */
    public long[][][] switchKey(long[][] c, int level, SwitchingKey key) {
        return innerProduct(decompose(c, level), level, key);
    }

    public long[][][] innerProduct(long[][][] digits, int level, SwitchingKey key) {
        int n = ring.n();
        int k = ring.pCount();
        long[][] q0 = new long[level + 1][n];
        long[][] q1 = new long[level + 1][n];
        long[][] p0 = new long[k][n];
        long[][] p1 = new long[k][n];
        limbs.forEach(level + 1 + k, t -> {
            int prime = t <= level ? t : ring.pIndex(t - level - 1);
            Modulus m = ring.modulus(prime);
            long[] acc0 = t <= level ? q0[t] : p0[t - level - 1];
            long[] acc1 = t <= level ? q1[t] : p1[t - level - 1];
            long q = m.q;
            long twoQ = q << 1;
            long fourQ = q << 2;
            for (int j = 0; j <= level; j++) {
                long[] d = digits[j][t];
                long[] kb = key.b()[j][prime];
                long[] kbShoup = key.bShoup()[j][prime];
                long[] ka = key.a()[j][prime];
                long[] kaShoup = key.aShoup()[j][prime];
                // each lazy product is below 2q: adding it to a sum kept below 4q stays below 6q < 2^63
                for (int i = 0; i < n; i++) {
                    long x = d[i];
                    long s0 = acc0[i] + m.mulShoupLazy(x, kb[i], kbShoup[i]);
                    long s1 = acc1[i] + m.mulShoupLazy(x, ka[i], kaShoup[i]);
                    acc0[i] = s0 >= fourQ ? s0 - fourQ : s0;
                    acc1[i] = s1 >= fourQ ? s1 - fourQ : s1;
                }
            }
            fold(acc0, q);
            fold(acc1, q);
        });
        conversion.divideByP(q0, level, p0);
        conversion.divideByP(q1, level, p1);
        return new long[][][] {q0, q1};
    }

    /** [0, 4q) into [0, q). */
    private static void fold(long[] acc, long q) {
        long twoQ = q << 1;
        for (int i = 0; i < acc.length; i++) {
            long x = acc[i];
            if (x >= twoQ) x -= twoQ;
            if (x >= q) x -= q;
            acc[i] = x;
        }
    }

    public RnsConversion conversion() {
        return conversion;
    }
}
