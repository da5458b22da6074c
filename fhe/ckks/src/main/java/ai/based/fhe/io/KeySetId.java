package ai.based.fhe.io;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Names one user's key set (16 bytes of a hash of the public key, see {@link Serializer#keySetId}). A ciphertext
 * written by a bound {@link Serializer} carries it, so that decrypting it with another key set fails with a clear
 * error instead of printing noise. Public: it says which keys, nothing about them.
 */
public final class KeySetId {
    public static final int BYTES = 16;
    /** What an unbound serializer writes: bound to no key set. */
    static final KeySetId NONE = new KeySetId(new byte[BYTES]);

    private final byte[] bytes;

    private KeySetId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static KeySetId of(byte[] bytes) {
        if (bytes.length != BYTES) throw new IllegalArgumentException("a key-set id is " + BYTES + " bytes, not " + bytes.length);
        return new KeySetId(bytes.clone());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    boolean isNone() {
        return equals(NONE);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeySetId k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
