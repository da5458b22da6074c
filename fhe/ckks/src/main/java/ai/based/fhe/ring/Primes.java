package ai.based.fhe.ring;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** NTT-friendly primes: q = 1 mod 2N, so that Z_q has the 2N-th roots of unity a negacyclic NTT needs. */
public final class Primes {
    private static final int CERTAINTY = 64;

    private Primes() {}

    /**
     * Distinct primes of the given bit sizes, each = 1 mod 2N, searched downward from 2^bits (largest first, like
     * SEAL's CoeffModulus.Create), never repeating one already taken.
     */
    public static List<Long> ntt(int logN, List<Integer> bitSizes) {
        long step = 2L << logN;
        Set<Long> taken = new HashSet<>();
        List<Long> primes = new ArrayList<>();
        for (int bits : bitSizes) {
            if (bits < logN + 2 || bits > 60) throw new IllegalArgumentException("prime size " + bits + " bits is out of range");
            long candidate = ((1L << bits) / step) * step + 1;
            while (true) {
                candidate -= step;
                if (candidate < (1L << (bits - 1))) throw new IllegalStateException("no " + bits + "-bit NTT prime for N=2^" + logN);
                if (!taken.contains(candidate) && BigInteger.valueOf(candidate).isProbablePrime(CERTAINTY)) break;
            }
            taken.add(candidate);
            primes.add(candidate);
        }
        return primes;
    }

    /** A primitive 2N-th root of unity mod q (the smallest generator-derived one, deterministic). */
    public static long primitiveRoot(long q, int logN) {
        Modulus m = new Modulus(q);
        long order = 2L << logN;
        long cofactor = (q - 1) / order;
        for (long g = 2; g < q; g++) {
            long root = m.pow(g, cofactor);
            if (m.pow(root, order >>> 1) == q - 1) return root;
        }
        throw new IllegalStateException("no primitive root for " + q);
    }
}
