package ai.based.fhe.ring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * An AES-256-CTR keystream read as little-endian longs (hardware accelerated); what it is keyed with decides what it
 * may be used for. The counter block starts at zero and counts the stream's 16-byte blocks, so the stream can be
 * opened at any 8-byte offset: a key's uniform half is re-expanded row by row from where each row starts.
 */
final class AesCtrStream {
    /** Keystream bytes per call into the cipher: the VAES intrinsic runs at tens of GB/s on chunks of this size. */
    private static final int CHUNK = 32768;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /** The plaintext CTR encrypts into the keystream: never written, so every stream shares it. */
    private static final byte[] ZEROS = new byte[CHUNK];

    private final Cipher cipher;
    private final byte[] chunk = new byte[CHUNK];
    /** Offset of the chunk's first byte in the stream, and the next unread byte within the chunk. */
    private long chunkStart;
    private int position;

    AesCtrStream(byte[] key) {
        this(key, 0);
    }

    /** The stream from byte {@code offset} (a multiple of 8) on. */
    AesCtrStream(byte[] key, long offset) {
        if (key.length != 32) throw new IllegalArgumentException("an AES-256 key is 32 bytes");
        if (offset < 0 || offset % Long.BYTES != 0) throw new IllegalArgumentException("a stream offset is a non-negative multiple of 8, not " + offset);
        byte[] counter = new byte[16];
        long block = offset / 16;
        for (int b = 0; b < 8; b++) counter[15 - b] = (byte) (block >>> (8 * b));
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(counter));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is not available in this JVM", e);
        }
        chunkStart = block * 16 - CHUNK;
        refill();
        position = (int) (offset % 16);
    }

    /** Bytes of the stream read so far, counted from its start: where the next read begins. */
    long offset() {
        return chunkStart + position;
    }

    long nextLong() {
        if (position == CHUNK) refill();
        long value = (long) LONGS.get(chunk, position);
        position += Long.BYTES;
        return value;
    }

    /** Uniform residues in [0, q), by rejection on the prime's bit length. */
    void uniform(long[] out, Modulus m) {
        long q = m.q;
        long mask = -1L >>> Long.numberOfLeadingZeros(q);
        int i = 0;
        while (i < out.length) {
            if (position == CHUNK) refill();
            int p = position;
            int n = out.length;
            // branch-free: a rejected draw is overwritten by the next one (with these primes almost none is rejected)
            while (p < CHUNK && i < n) {
                long r = (long) LONGS.get(chunk, p) & mask;
                p += Long.BYTES;
                out[i] = r;
                i += r < q ? 1 : 0;
            }
            position = p;
        }
    }

    private void refill() {
        try {
            cipher.update(ZEROS, 0, CHUNK, chunk, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        chunkStart += CHUNK;
        position = 0;
    }
}
