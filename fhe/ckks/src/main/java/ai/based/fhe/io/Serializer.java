package ai.based.fhe.io;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.SeedExpander;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.PublicKey;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
    private static final byte CIPHERTEXT = 1;
    private static final byte SEEDED_CIPHERTEXT = 2;
    private static final byte PUBLIC_KEY = 3;
    private static final byte SECRET_KEY = 5; // 4, 6 and 7: SwitchingKeyFormat
    private static final double MAX_LOG_SCALE = 200;

    private final Parameters params;
    private final RingContext ring;
    private final BcksFrame frame;
    private final SwitchingKeyFormat keys;
    /** The key set whose ciphertexts this serializer writes and reads; null when unbound. */
    private final KeySetId keySet;

    /** Unbound: ciphertexts it writes name no key set, and it reads those of any key set. */
    public Serializer(Parameters params) {
        this(params, null);
    }

    private Serializer(Parameters params, KeySetId keySet) {
        this.params = params;
        this.ring = params.ring();
        this.frame = new BcksFrame(params);
        this.keys = new SwitchingKeyFormat(frame);
        this.keySet = keySet;
    }

    /** A serializer whose ciphertexts carry {@code keySet} and that refuses ciphertexts of any other key set. */
    public Serializer boundTo(KeySetId keySet) {
        return new Serializer(params, keySet);
    }

    /** The id of the key set {@code pk} belongs to: 16 bytes of SHA-256 over its serialized form. */
    public KeySetId keySetId(PublicKey pk) {
        MessageDigest sha = BcksFrame.sha256();
        sha.update("BCKS key set".getBytes(StandardCharsets.US_ASCII));
        return KeySetId.of(Arrays.copyOf(sha.digest(write(pk)), KeySetId.BYTES));
    }

    public byte[] write(Ciphertext ct) {
        return frame.build(CIPHERTEXT, out -> {
            out.write((keySet == null ? KeySetId.NONE : keySet).bytes());
            out.writeByte(ct.degree());
            out.writeByte(ct.level());
            out.writeDouble(ct.scale());
            for (int d = 0; d <= ct.degree(); d++) frame.writeRows(out, ct.readPoly(d), ct.level() + 1, 0);
        });
    }

    /** A fresh symmetric ciphertext with its c_1 replaced by the seed it was expanded from: about half the size. */
    public byte[] writeSeeded(Ciphertext ct, byte[] seed) {
        return frame.build(SEEDED_CIPHERTEXT, out -> {
            out.write((keySet == null ? KeySetId.NONE : keySet).bytes());
            out.writeByte(ct.level());
            out.writeDouble(ct.scale());
            out.write(seed);
            frame.writeRows(out, ct.readPoly(0), ct.level() + 1, 0);
        });
    }

    public byte[] write(PublicKey pk) {
        return frame.build(PUBLIC_KEY, out -> {
            int primes = ring.qCount() + ring.pCount();
            frame.writeRows(out, pk.b(), primes, 0);
            frame.writeRows(out, pk.a(), primes, 0);
        });
    }

    /** A key generated from a seed travels as b and the 32-byte seed of a: about half the bytes. */
    public byte[] write(SwitchingKey key) {
        return keys.write(key);
    }

    /**
     * The bytes {@link #write(SwitchingKey)} makes of {@code key}, without making them: a client sizing a multi-GB key
     * upload (a Content-Length) need not serialise it twice.
     */
    public long size(SwitchingKey key) {
        return keys.size(key);
    }

    public byte[] write(SecretKey sk) {
        return frame.build(SECRET_KEY, out -> frame.writeRows(out, sk.rows(), ring.qCount() + ring.pCount(), 0));
    }

    public Ciphertext readCiphertext(byte[] bytes) {
        return BcksFrame.guarded(() -> readCiphertextUnguarded(bytes));
    }

    private Ciphertext readCiphertextUnguarded(byte[] bytes) {
        ByteBuffer in = frame.open(bytes);
        byte type = in.get();
        if (type != CIPHERTEXT && type != SEEDED_CIPHERTEXT) throw new MalformedInputException("not a ciphertext (type " + type + ")");
        frame.checkFingerprint(in);
        checkKeySet(in);
        Ciphertext ct;
        if (type == CIPHERTEXT) {
            int degree = in.get();
            if (degree < 1 || degree > 2) throw new MalformedInputException("ciphertext degree " + degree + " is not 1 or 2");
            int level = level(in.get());
            double scale = scale(in.getDouble());
            long[][][] polys = new long[degree + 1][][];
            for (int d = 0; d <= degree; d++) polys[d] = frame.readRows(in, level + 1, 0);
            ct = new Ciphertext(polys, level, scale);
        } else {
            int level = level(in.get());
            double scale = scale(in.getDouble());
            byte[] seed = new byte[32];
            in.get(seed);
            long[][] c0 = frame.readRows(in, level + 1, 0);
            long[][] c1 = new long[level + 1][ring.n()];
            SeedExpander uniform = SeedExpander.of(seed);
            for (int i = 0; i <= level; i++) uniform.uniform(c1[i], ring.modulus(i));
            ct = new Ciphertext(new long[][][] {c0, c1}, level, scale);
        }
        BcksFrame.requireEnd(in);
        return ct;
    }

    public PublicKey readPublicKey(byte[] bytes) {
        return BcksFrame.guarded(() -> readPublicKeyUnguarded(bytes));
    }

    private PublicKey readPublicKeyUnguarded(byte[] bytes) {
        ByteBuffer in = frame.expect(bytes, PUBLIC_KEY, "public key");
        int primes = ring.qCount() + ring.pCount();
        PublicKey pk = new PublicKey(frame.readRows(in, primes, 0), frame.readRows(in, primes, 0));
        BcksFrame.requireEnd(in);
        return pk;
    }

    public SwitchingKey readSwitchingKey(byte[] bytes) {
        return BcksFrame.guarded(() -> keys.read(bytes, false));
    }

    /**
     * The same key held compact (see SwitchingKey#compact): a seeded key is read as b and its seed without ever making a
     * or the Shoup companions, a quarter of the memory and no companion arithmetic.
     */
    public SwitchingKey readCompactSwitchingKey(byte[] bytes) {
        return BcksFrame.guarded(() -> keys.read(bytes, true));
    }

    public SecretKey readSecretKey(byte[] bytes) {
        return BcksFrame.guarded(() -> readSecretKeyUnguarded(bytes));
    }

    private SecretKey readSecretKeyUnguarded(byte[] bytes) {
        ByteBuffer in = frame.expect(bytes, SECRET_KEY, "secret key");
        SecretKey sk = new SecretKey(frame.readRows(in, ring.qCount() + ring.pCount(), 0));
        BcksFrame.requireEnd(in);
        return sk;
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


}
