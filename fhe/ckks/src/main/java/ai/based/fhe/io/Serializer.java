package ai.based.fhe.io;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.SeedExpander;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.KeyDigits;
import ai.based.fhe.rlwe.PublicKey;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A versioned binary format for ciphertexts and keys under one parameter set: "BCKS", version, type, a
 * fingerprint of the parameters (16 bytes of SHA-256 over N, the default scale, the Q/P split and every prime),
 * for ciphertexts the id of the key set they were encrypted for (zeros from an unbound serializer), then the body.
 * A serializer {@link #boundTo} a key set writes its id and refuses ciphertexts of any other key set. Loading checks every length, level, scale
 * and coefficient range against the parameters before using anything, and turns every malformed input into a
 * {@link MalformedInputException}; it never allocates more than the parameters allow.
 * A symmetric ciphertext may be stored with its uniform half as the 32-byte seed it was expanded from.
 */
public final class Serializer {
    private static final int MAGIC = 0x42434B53; // "BCKS"
    /** 2: the fingerprint covers the scale and the Q/P split, ciphertexts carry a key-set id. */
    private static final byte VERSION = 2;
    private static final int FINGERPRINT_BYTES = 16;
    private static final int HEADER = 4 + 1 + 1 + FINGERPRINT_BYTES;
    private static final byte CIPHERTEXT = 1;
    private static final byte SEEDED_CIPHERTEXT = 2;
    private static final byte PUBLIC_KEY = 3;
    private static final byte SWITCHING_KEY = 4;
    private static final byte SECRET_KEY = 5;
    private static final byte SEEDED_SWITCHING_KEY = 6;
    private static final byte LEVEL_LIMITED_SWITCHING_KEY = 7;
    private static final double MAX_LOG_SCALE = 200;

    private final Parameters params;
    private final RingContext ring;
    private final byte[] fingerprint;
    /** The key set whose ciphertexts this serializer writes and reads; null when unbound. */
    private final KeySetId keySet;

    /** Unbound: ciphertexts it writes name no key set, and it reads those of any key set. */
    public Serializer(Parameters params) {
        this(params, null);
    }

    private Serializer(Parameters params, KeySetId keySet) {
        this.params = params;
        this.ring = params.ring();
        this.fingerprint = fingerprint(params);
        this.keySet = keySet;
    }

    /** A serializer whose ciphertexts carry {@code keySet} and that refuses ciphertexts of any other key set. */
    public Serializer boundTo(KeySetId keySet) {
        return new Serializer(params, keySet);
    }

    /** The id of the key set {@code pk} belongs to: 16 bytes of SHA-256 over its serialized form. */
    public KeySetId keySetId(PublicKey pk) {
        MessageDigest sha = sha256();
        sha.update("BCKS key set".getBytes(StandardCharsets.US_ASCII));
        return KeySetId.of(Arrays.copyOf(sha.digest(write(pk)), KeySetId.BYTES));
    }

    private static byte[] fingerprint(Parameters params) {
        RingContext ring = params.ring();
        ByteBuffer description = ByteBuffer.allocate(4 * 4 + 8 * (ring.qCount() + ring.pCount()));
        description.putInt(params.logN()).putInt(params.literal().logScale()).putInt(ring.qCount()).putInt(ring.pCount());
        for (int i = 0; i < ring.qCount() + ring.pCount(); i++) description.putLong(ring.modulus(i).q);
        return Arrays.copyOf(sha256().digest(description.array()), FINGERPRINT_BYTES);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] write(Ciphertext ct) {
        return build(CIPHERTEXT, out -> {
            out.write((keySet == null ? KeySetId.NONE : keySet).bytes());
            out.writeByte(ct.degree());
            out.writeByte(ct.level());
            out.writeDouble(ct.scale());
            for (int d = 0; d <= ct.degree(); d++) writeRows(out, ct.poly(d), ct.level() + 1, 0);
        });
    }

    /** A fresh symmetric ciphertext with its c_1 replaced by the seed it was expanded from: about half the size. */
    public byte[] writeSeeded(Ciphertext ct, byte[] seed) {
        return build(SEEDED_CIPHERTEXT, out -> {
            out.write((keySet == null ? KeySetId.NONE : keySet).bytes());
            out.writeByte(ct.level());
            out.writeDouble(ct.scale());
            out.write(seed);
            writeRows(out, ct.poly(0), ct.level() + 1, 0);
        });
    }

    public byte[] write(PublicKey pk) {
        return build(PUBLIC_KEY, out -> {
            int primes = ring.qCount() + ring.pCount();
            writeRows(out, pk.b(), primes, 0);
            writeRows(out, pk.a(), primes, 0);
        });
    }

    /** A key generated from a seed travels as b and the 32-byte seed of a: about half the bytes. */
    public byte[] write(SwitchingKey key) {
        int maxLevel = key.maxLevel(ring);
        if (maxLevel < ring.qCount() - 1) return writeLevelLimited(key, maxLevel);
        if (key.b().length != keyDigits()) {
            throw new IllegalArgumentException("a switching key of " + key.b().length + " digits does not belong to this ring's " + keyDigits());
        }
        if (key.seed().isPresent()) {
            return build(SEEDED_SWITCHING_KEY, out -> {
                out.writeLong(key.galoisElement());
                out.write(key.seed().get());
                int primes = ring.qCount() + ring.pCount();
                for (int j = 0; j < keyDigits(); j++) writeRows(out, key.b()[j], primes, 0);
            });
        }
        return build(SWITCHING_KEY, out -> {
            out.writeLong(key.galoisElement());
            int primes = ring.qCount() + ring.pCount();
            for (int j = 0; j < keyDigits(); j++) {
                writeRows(out, key.b()[j], primes, 0);
                writeRows(out, key.a()[j], primes, 0);
            }
        });
    }

    /**
     * The bytes {@link #write(SwitchingKey)} makes of {@code key}, without making them: a client sizing a multi-GB key
     * upload (a Content-Length) need not serialise it twice.
     */
    public long size(SwitchingKey key) {
        long header = Integer.BYTES + 2 + fingerprint.length + Long.BYTES;
        long row = (long) ring.n() * Long.BYTES;
        int maxLevel = key.maxLevel(ring);
        if (maxLevel < ring.qCount() - 1) {
            return header + 1 + key.seed().map(seed -> seed.length).orElse(0) + (long) key.b().length * (maxLevel + 1 + ring.pCount()) * row;
        }
        long rows = (long) keyDigits() * (ring.qCount() + ring.pCount());
        return key.seed().isPresent() ? header + key.seed().get().length + rows * row : header + 2 * rows * row;
    }

    /**
     * A key serving levels up to {@code maxLevel} only (KeyGenerator's level-limited keys): its level, seed, and the b
     * rows of its digits for primes 0..maxLevel and the special primes.
     */
    private byte[] writeLevelLimited(SwitchingKey key, int maxLevel) {
        if (key.seed().isEmpty()) throw new IllegalArgumentException("a level-limited switching key travels only with the seed of its uniform half");
        KeyDigits digits = KeyDigits.of(ring);
        if (key.b().length != digits.countAt(maxLevel)) {
            throw new IllegalArgumentException("a key serving level " + maxLevel + " has " + digits.countAt(maxLevel) + " digits, not " + key.b().length);
        }
        return build(LEVEL_LIMITED_SWITCHING_KEY, out -> {
            out.writeLong(key.galoisElement());
            out.writeByte(maxLevel);
            out.write(key.seed().get());
            for (long[][] digit : key.b()) {
                writeRows(out, digit, maxLevel + 1, 0);
                writeRows(out, digit, ring.pCount(), ring.qCount());
            }
        });
    }

    /** Digits of every full switching key of this ring (see KeyDigits). */
    private int keyDigits() {
        return KeyDigits.of(ring).count();
    }

    public byte[] write(SecretKey sk) {
        return build(SECRET_KEY, out -> writeRows(out, sk.rows(), ring.qCount() + ring.pCount(), 0));
    }

    public Ciphertext readCiphertext(byte[] bytes) {
        return guarded(() -> readCiphertextUnguarded(bytes));
    }

    private Ciphertext readCiphertextUnguarded(byte[] bytes) {
        ByteBuffer in = open(bytes);
        byte type = in.get();
        if (type != CIPHERTEXT && type != SEEDED_CIPHERTEXT) throw new MalformedInputException("not a ciphertext (type " + type + ")");
        checkFingerprint(in);
        checkKeySet(in);
        Ciphertext ct;
        if (type == CIPHERTEXT) {
            int degree = in.get();
            if (degree < 1 || degree > 2) throw new MalformedInputException("ciphertext degree " + degree + " is not 1 or 2");
            int level = level(in.get());
            double scale = scale(in.getDouble());
            long[][][] polys = new long[degree + 1][][];
            for (int d = 0; d <= degree; d++) polys[d] = readRows(in, level + 1, 0);
            ct = new Ciphertext(polys, level, scale);
        } else {
            int level = level(in.get());
            double scale = scale(in.getDouble());
            byte[] seed = new byte[32];
            in.get(seed);
            long[][] c0 = readRows(in, level + 1, 0);
            long[][] c1 = new long[level + 1][ring.n()];
            SeedExpander uniform = SeedExpander.of(seed);
            for (int i = 0; i <= level; i++) uniform.uniform(c1[i], ring.modulus(i));
            ct = new Ciphertext(new long[][][] {c0, c1}, level, scale);
        }
        requireEnd(in);
        return ct;
    }

    public PublicKey readPublicKey(byte[] bytes) {
        return guarded(() -> readPublicKeyUnguarded(bytes));
    }

    private PublicKey readPublicKeyUnguarded(byte[] bytes) {
        ByteBuffer in = expect(bytes, PUBLIC_KEY, "public key");
        int primes = ring.qCount() + ring.pCount();
        PublicKey pk = new PublicKey(readRows(in, primes, 0), readRows(in, primes, 0));
        requireEnd(in);
        return pk;
    }

    public SwitchingKey readSwitchingKey(byte[] bytes) {
        return guarded(() -> readSwitchingKeyUnguarded(bytes));
    }

    private SwitchingKey readSwitchingKeyUnguarded(byte[] bytes) {
        ByteBuffer in = open(bytes);
        byte type = in.get();
        if (type != SWITCHING_KEY && type != SEEDED_SWITCHING_KEY && type != LEVEL_LIMITED_SWITCHING_KEY) {
            throw new MalformedInputException("not a switching key (type " + type + ")");
        }
        checkFingerprint(in);
        long element = in.getLong();
        long twoN = 2L * ring.n();
        if (element != SwitchingKey.RELINEARIZATION && (element <= 0 || element >= twoN || element % 2 == 0)) {
            throw new MalformedInputException("Galois element " + element + " is not an odd number below 2N");
        }
        int primes = ring.qCount() + ring.pCount();
        if (type == LEVEL_LIMITED_SWITCHING_KEY) return readLevelLimited(in, element);
        long[][][] b = new long[keyDigits()][][];
        if (type == SEEDED_SWITCHING_KEY) {
            byte[] seed = new byte[32];
            in.get(seed);
            for (int j = 0; j < b.length; j++) b[j] = readRows(in, primes, 0);
            requireEnd(in);
            return SwitchingKey.seeded(ring, element, b, seed);
        }
        long[][][] a = new long[b.length][][];
        for (int j = 0; j < b.length; j++) {
            b[j] = readRows(in, primes, 0);
            a[j] = readRows(in, primes, 0);
        }
        requireEnd(in);
        return SwitchingKey.of(ring, element, b, a);
    }

    private SwitchingKey readLevelLimited(ByteBuffer in, long element) {
        int maxLevel = in.get();
        if (maxLevel < 0 || maxLevel >= ring.qCount() - 1) {
            throw new MalformedInputException("a level-limited key's level must be in 0.." + (ring.qCount() - 2) + ", not " + maxLevel);
        }
        byte[] seed = new byte[32];
        if (in.remaining() < seed.length) throw new MalformedInputException("truncated: the key's seed is missing");
        in.get(seed);
        int primes = ring.qCount() + ring.pCount();
        long[][][] b = new long[KeyDigits.of(ring).countAt(maxLevel)][primes][];
        for (long[][] digit : b) {
            long[][] q = readRows(in, maxLevel + 1, 0);
            long[][] p = readRows(in, ring.pCount(), ring.qCount());
            for (int i = 0; i < primes; i++) digit[i] = i <= maxLevel ? q[i] : i < ring.qCount() ? new long[0] : p[i - ring.qCount()];
        }
        requireEnd(in);
        return SwitchingKey.seeded(ring, element, b, seed, maxLevel);
    }

    public SecretKey readSecretKey(byte[] bytes) {
        return guarded(() -> readSecretKeyUnguarded(bytes));
    }

    private SecretKey readSecretKeyUnguarded(byte[] bytes) {
        ByteBuffer in = expect(bytes, SECRET_KEY, "secret key");
        SecretKey sk = new SecretKey(readRows(in, ring.qCount() + ring.pCount(), 0));
        requireEnd(in);
        return sk;
    }

    private static <T> T guarded(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (BufferUnderflowException e) {
            throw new MalformedInputException("truncated input");
        }
    }

    private interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    private byte[] build(byte type, Body body) {
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
    private void writeRows(DataOutputStream out, long[][] rows, int count, int firstPrime) throws IOException {
        ByteBuffer row = ByteBuffer.allocate(ring.n() * Long.BYTES);
        for (int i = 0; i < count; i++) {
            row.clear();
            row.asLongBuffer().put(rows[firstPrime + i], 0, ring.n());
            out.write(row.array());
        }
    }

    private long[][] readRows(ByteBuffer in, int count, int firstPrime) {
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

    private ByteBuffer open(byte[] bytes) {
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

    private ByteBuffer expect(byte[] bytes, byte type, String what) {
        ByteBuffer in = open(bytes);
        byte actual = in.get();
        if (actual != type) throw new MalformedInputException("not a " + what + " (type " + actual + ")");
        checkFingerprint(in);
        return in;
    }

    private void checkFingerprint(ByteBuffer in) {
        try {
            byte[] actual = new byte[FINGERPRINT_BYTES];
            in.get(actual);
            if (!Arrays.equals(actual, fingerprint)) throw new MalformedInputException("made for other CKKS parameters than " + params);
        } catch (BufferUnderflowException e) {
            throw new MalformedInputException("truncated header");
        }
    }

    private void checkKeySet(ByteBuffer in) {
        byte[] raw = new byte[KeySetId.BYTES];
        in.get(raw);
        KeySetId actual = KeySetId.of(raw);
        if (keySet == null || keySet.equals(actual)) return;
        if (actual.isNone()) {
            throw new MalformedInputException("the ciphertext names no key set, and these keys are key set " + keySet + ": refused");
        }
        throw new MalformedInputException("the ciphertext was encrypted for key set " + actual + ", not for these keys (key set "
                + keySet + "): decrypting it would give noise");
    }

    private int level(byte level) {
        if (level < 0 || level > ring.maxLevel()) {
            throw new MalformedInputException("level " + level + " is outside 0.." + ring.maxLevel());
        }
        return level;
    }

    private static double scale(double scale) {
        if (!(scale >= 1) || Double.isInfinite(scale) || Math.log(scale) / Math.log(2) > MAX_LOG_SCALE) {
            throw new MalformedInputException("scale " + scale + " is not a finite value in [1, 2^" + (int) MAX_LOG_SCALE + "]");
        }
        return scale;
    }

    private static void requireEnd(ByteBuffer in) {
        if (in.hasRemaining()) throw new MalformedInputException(in.remaining() + " unexpected trailing bytes");
    }
}
