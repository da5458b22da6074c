package ai.based.fhe.ring;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** An AES-256-CTR keystream read as little-endian longs (hardware accelerated); what it is keyed with decides what it may be used for. */
final class AesCtrStream {
    private static final int BUFFER = 8192;

    private final Cipher cipher;
    private final byte[] zeros = new byte[BUFFER];
    private final ByteBuffer buffer;

    AesCtrStream(byte[] key) {
        if (key.length != 32) throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is not available in this JVM", e);
        }
        buffer = ByteBuffer.allocate(BUFFER).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(BUFFER);
    }

    long nextLong() {
        if (buffer.remaining() < 8) refill();
        return buffer.getLong();
    }

    /** Uniform residues in [0, q), by rejection on the prime's bit length. */
    void uniform(long[] out, Modulus m) {
        long q = m.q;
        long mask = -1L >>> Long.numberOfLeadingZeros(q);
        for (int i = 0; i < out.length; ) {
            long r = nextLong() & mask;
            if (r < q) out[i++] = r;
        }
    }

    private void refill() {
        byte[] stream = cipher.update(zeros);
        buffer.clear();
        buffer.put(stream, 0, stream.length);
        buffer.flip();
    }
}
