package ai.based.fhe.ring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Randomness for keys, encryption and noise: an AES-256-CTR keystream (hardware accelerated), keyed from
 * SecureRandom, or from a named seed for reproducible tests and for expanding the seed of a compressed
 * uniform polynomial. Not thread-safe: one sampler per thread.
 */
public final class Sampler {
    /** Centered binomial with 21 coin pairs: standard deviation sqrt(10.5) ~ 3.24, the error of the HE standard. */
    private static final int CBD_PAIRS = 21;
    private static final int BUFFER = 8192;

    private final Cipher cipher;
    private final byte[] zeros = new byte[BUFFER];
    private final ByteBuffer buffer;

    private Sampler(byte[] key) {
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is not available in this JVM", e);
        }
        buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(BUFFER);
    }

    /** Keyed from SecureRandom: for secret keys and everything an adversary must not predict. */
    public static Sampler secure() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new Sampler(key);
    }

    /** Keyed from a 32-byte seed: expands the public uniform half of a seeded ciphertext or key. */
    public static Sampler fromSeed(byte[] seed) {
        if (seed.length != 32) throw new IllegalArgumentException("a seed is 32 bytes");
        return new Sampler(seed.clone());
    }

    /** Deterministic randomness from a name; for tests only, never for keys in use. */
    public static Sampler named(String name) {
        try {
            return new Sampler(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] seed() {
        byte[] seed = new byte[32];
        for (int i = 0; i < 4; i++) {
            long word = nextLong();
            for (int b = 0; b < 8; b++) seed[i * 8 + b] = (byte) (word >>> (8 * b));
        }
        return seed;
    }

    public long nextLong() {
        if (buffer.remaining() < 8) refill();
        return buffer.getLong();
    }

    /** Uniform residues in [0, q), by rejection on the prime's bit length. */
    public void uniform(long[] out, Modulus m) {
        long q = m.q;
        long mask = -1L >>> Long.numberOfLeadingZeros(q);
        for (int i = 0; i < out.length; ) {
            long r = nextLong() & mask;
            if (r < q) out[i++] = r;
        }
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

    private void refill() {
        try {
            byte[] stream = cipher.update(zeros);
            buffer.clear();
            buffer.put(stream, 0, stream.length);
            buffer.flip();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("AES-CTR keystream failed", e);
        }
    }
}
