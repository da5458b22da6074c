package ai.based.fhe.ring;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * Randomness an adversary must not predict: secret keys, encryption masks, errors, and the fresh seeds of uniform
 * halves. An AES-256-CTR keystream keyed from SecureRandom; the only public way to get one is {@link #secure()}.
 * Reproducible samplers exist for tests only (package-private {@link #named}, reached through the test fixtures), so
 * key generation and encryption outside tests cannot run on predictable randomness. Expanding a public seed is
 * {@link SeedExpander}'s job. Not thread-safe: one sampler per thread.
 */
public final class Sampler {
    /** Centered binomial with 21 coin pairs: standard deviation sqrt(10.5) ~ 3.24, the error of the HE standard. */
    private static final int CBD_PAIRS = 21;

    private final AesCtrStream stream;

    private Sampler(byte[] key) {
        this.stream = new AesCtrStream(key);
    }

    /** Keyed from SecureRandom: for secret keys and everything an adversary must not predict. */
    public static Sampler secure() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Sampler(key);
    }

    /** Deterministic randomness from a name: tests only (package-private; other packages' tests use the test fixture). */
    static Sampler named(String name) {
        try {
            return new Sampler(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh 32-byte seed for a uniform half that will travel in public (see {@link SeedExpander}). */
    public byte[] seed() {
        byte[] seed = new byte[32];
        for (int i = 0; i < 4; i++) {
            long word = nextLong();
            for (int b = 0; b < 8; b++) seed[i * 8 + b] = (byte) (word >>> (8 * b));
        }
        return seed;
    }

    public long nextLong() {
        return stream.nextLong();
    }

    /** Uniform residues in [0, q). */
    public void uniform(long[] out, Modulus m) {
        stream.uniform(out, m);
    }

    /** Uniform ternary coefficients in {-1, 0, 1}. */
    public void ternary(int[] out) {
        for (int i = 0; i < out.length; ) {
            long bits = nextLong();
            for (int k = 0; k < 32 && i < out.length; k++, bits >>>= 2) {
                int two = (int) (bits & 3);
                if (two != 3) out[i++] = two - 1;
            }
        }
    }

    /** Centered binomial error with standard deviation ~3.24, bounded by 21 in absolute value. */
    public void error(int[] out) {
        long mask = (1L << CBD_PAIRS) - 1;
        for (int i = 0; i < out.length; i++) {
            long bits = nextLong();
            out[i] = Long.bitCount(bits & mask) - Long.bitCount((bits >>> CBD_PAIRS) & mask);
        }
    }
}
