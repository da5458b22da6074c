package ai.based.fhe.io;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.RingContext;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * What every BCKS object shares: "BCKS", the version, the type, the parameters' fingerprint (16 bytes of SHA-256 over
 * N, the default scale, the Q/P split and every prime), and rows of coefficients written big-endian a row at a time
 * and read back with every coefficient checked against its prime. Malformed input becomes a
 * {@link MalformedInputException}.
 */
final class BcksFrame {
    private static final int MAGIC = 0x42434B53; // "BCKS"
    /** 2: the fingerprint covers the scale and the Q/P split, ciphertexts carry a key-set id. */
    private static final byte VERSION = 2;
    private static final int FINGERPRINT_BYTES = 16;
    static final int HEADER = 4 + 1 + 1 + FINGERPRINT_BYTES;

    private final Parameters params;
    private final RingContext ring;
    private final byte[] fingerprint;

    BcksFrame(Parameters params) {
        this.params = params;
        this.ring = params.ring();
        this.fingerprint = fingerprint(params);
    }

    RingContext ring() {
        return ring;
    }

    private static byte[] fingerprint(Parameters params) {
        RingContext ring = params.ring();
        ByteBuffer description = ByteBuffer.allocate(4 * 4 + 8 * (ring.qCount() + ring.pCount()));
        description.putInt(params.logN()).putInt(params.literal().logScale()).putInt(ring.qCount()).putInt(ring.pCount());
        for (int i = 0; i < ring.qCount() + ring.pCount(); i++) description.putLong(ring.modulus(i).q);
        return Arrays.copyOf(sha256().digest(description.array()), FINGERPRINT_BYTES);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static <T> T guarded(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (BufferUnderflowException e) {
            throw new MalformedInputException("truncated input");
        }
    }

    interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    byte[] build(byte type, Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(type);
            out.write(fingerprint);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Big-endian, as DataOutputStream writes; a row at a time (a long at a time made key uploads serialization-bound). */
    void writeRows(DataOutputStream out, long[][] rows, int count, int firstPrime) throws IOException {
        ByteBuffer row = ByteBuffer.allocate(ring.n() * Long.BYTES);
        for (int i = 0; i < count; i++) {
            row.clear();
            row.asLongBuffer().put(rows[firstPrime + i], 0, ring.n());
            out.write(row.array());
        }
    }

    long[][] readRows(ByteBuffer in, int count, int firstPrime) {
        int n = ring.n();
        if (in.remaining() < (long) count * n * Long.BYTES) {
            throw new MalformedInputException("truncated: " + count + " rows of " + n + " coefficients need "
                    + (long) count * n * Long.BYTES + " bytes, " + in.remaining() + " remain");
        }
        long[][] rows = new long[count][n];
        for (int i = 0; i < count; i++) {
            long q = ring.modulus(firstPrime + i).q;
            in.asLongBuffer().get(rows[i]);
            in.position(in.position() + n * Long.BYTES);
            for (long value : rows[i]) {
                if (value < 0 || value >= q) {
                    throw new MalformedInputException("coefficient " + value + " is not below its prime " + q + " (row " + i + ")");
                }
            }
        }
        return rows;
    }

    ByteBuffer open(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER) throw new MalformedInputException("too short to be a BCKS object");
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt() != MAGIC) throw new MalformedInputException("not a BCKS object (bad magic)");
        byte version = in.get();
        if (version == 1) {
            throw new MalformedInputException("BCKS version 1 is no longer read: it predates the key-set id and the full parameter "
                    + "fingerprint; make new keys ('based fhe keygen --force') and encrypt again");
        }
        if (version != VERSION) throw new MalformedInputException("unsupported BCKS version " + version + " (this build reads " + VERSION + ")");
        return in;
    }

    ByteBuffer expect(byte[] bytes, byte type, String what) {
        ByteBuffer in = open(bytes);
        byte actual = in.get();
        if (actual != type) throw new MalformedInputException("not a " + what + " (type " + actual + ")");
        checkFingerprint(in);
        return in;
    }

    void checkFingerprint(ByteBuffer in) {
        try {
            byte[] actual = new byte[FINGERPRINT_BYTES];
            in.get(actual);
            if (!Arrays.equals(actual, fingerprint)) throw new MalformedInputException("made for other CKKS parameters than " + params);
        } catch (BufferUnderflowException e) {
            throw new MalformedInputException("truncated header");
        }
    }

    static void requireEnd(ByteBuffer in) {
        if (in.hasRemaining()) throw new MalformedInputException(in.remaining() + " unexpected trailing bytes");
    }
}
