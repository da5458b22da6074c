package ai.based.gpu;

import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.RingContext;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * A ring's constants in device memory, uploaded once: each prime's NTT tables and ModParams (q with its Barrett
 * ratios), and [P^-1] and [P] modulo each ciphertext prime.
 */
final class DeviceRing implements AutoCloseable {
    private static final BigInteger TWO_128 = BigInteger.ONE.shiftLeft(128);

    final RingContext ring;
    final int n;
    final int qCount;
    final int k;
    final DeviceNtt[] ntts;
    /** ModParams per prime: q, floor(2^128/q) high and low words, floor(2^64/q). */
    final DeviceBuffer moduli;
    /** [P^-1]_{q_t} for t < qCount, then their Shoup companions. */
    final DeviceBuffer pInverse;
    /** [P]_{q_t} for t < qCount, then their Shoup companions: lifting c to P c in the extended basis. */
    final DeviceBuffer pModQ;
    private final Map<Long, DeviceBuffer> permutations = new HashMap<>();

    DeviceRing(RingContext ring) {
        this.ring = ring;
        this.n = ring.n();
        this.qCount = ring.qCount();
        this.k = ring.pCount();
        int primes = qCount + k;
        ntts = new DeviceNtt[primes];
        for (int i = 0; i < primes; i++) ntts[i] = new DeviceNtt(NttTwiddles.of(ring.ntt(i)));
        long[] params = modParams(ring);
        moduli = DeviceBuffer.holding(params);

        long[] inverse = new long[2 * qCount];
        long[] product = new long[2 * qCount];
        for (int t = 0; t < qCount; t++) {
            Modulus qt = ring.modulus(t);
            long p = 1;
            for (int j = 0; j < k; j++) p = qt.mul(p, ring.modulus(ring.pIndex(j)).q % qt.q);
            inverse[t] = qt.inverse(p);
            inverse[qCount + t] = qt.shoup(inverse[t]);
            product[t] = p;
            product[qCount + t] = qt.shoup(p);
        }
        pInverse = DeviceBuffer.holding(inverse);
        pModQ = DeviceBuffer.holding(product);
    }

    /** The kernels' ModParams records of every prime (q_0.., then the special primes), 4 words each. */
    static long[] modParams(RingContext ring) {
        int primes = ring.qCount() + ring.pCount();
        long[] params = new long[4 * primes];
        for (int i = 0; i < primes; i++) {
            long q = ring.modulus(i).q;
            BigInteger ratio = TWO_128.divide(BigInteger.valueOf(q));
            params[4 * i] = q;
            params[4 * i + 1] = ratio.shiftRight(64).longValue();
            params[4 * i + 2] = ratio.longValue();
            params[4 * i + 3] = Long.divideUnsigned(-1L, q);
        }
        return params;
    }

    /** The NTT-domain permutation of the automorphism X -> X^g, two int indices per word; uploaded once per element. */
    DeviceBuffer permutation(long galoisElement) {
        return permutations.computeIfAbsent(galoisElement, g -> {
            int[] perm = Galois.nttPermutation(g, Integer.numberOfTrailingZeros(n));
            long[] packed = new long[(n + 1) / 2]; // two int indices per word, little-endian as the kernel reads them
            for (int i = 0; i < n; i++) packed[i >> 1] |= (perm[i] & 0xFFFFFFFFL) << (32 * (i & 1));
            return DeviceBuffer.holding(packed);
        });
    }

    /** The prime of target index t at {@code level}: q_0..q_level, then the special primes. */
    int prime(int t, int level) {
        return t <= level ? t : qCount + t - level - 1;
    }

    @Override
    public void close() {
        for (DeviceNtt ntt : ntts) ntt.close();
        moduli.free();
        pInverse.free();
        pModQ.free();
        permutations.values().forEach(DeviceBuffer::free);
    }
}
