package ai.based.fhe.io;

import ai.based.fhe.ring.RingContext;
import ai.based.fhe.rlwe.KeyDigits;
import ai.based.fhe.rlwe.SwitchingKey;
import java.nio.ByteBuffer;

/**
 * The switching-key bodies of the BCKS format: full keys (b and a per digit), seeded keys (b and the 32-byte seed of
 * a) and level-limited keys (their level, the seed, and b's rows up to that level and over the special primes); their
 * sizes without writing them, and their validation on reading. {@link Serializer} is the public face.
 */
final class SwitchingKeyFormat {
    static final byte SWITCHING_KEY = 4;
    static final byte SEEDED_SWITCHING_KEY = 6;
    static final byte LEVEL_LIMITED_SWITCHING_KEY = 7;

    private final BcksFrame frame;
    private final RingContext ring;

    SwitchingKeyFormat(BcksFrame frame) {
        this.frame = frame;
        this.ring = frame.ring();
    }

    /** A key generated from a seed travels as b and the 32-byte seed of a: about half the bytes. */
    byte[] write(SwitchingKey key) {
        int maxLevel = key.maxLevel(ring);
        if (maxLevel < ring.qCount() - 1) return writeLevelLimited(key, maxLevel);
        if (key.b().length != keyDigits()) {
            throw new IllegalArgumentException("a switching key of " + key.b().length + " digits does not belong to this ring's " + keyDigits());
        }
        if (key.seed().isPresent()) {
            return frame.build(SEEDED_SWITCHING_KEY, out -> {
                out.writeLong(key.galoisElement());
                out.write(key.seed().get());
                int primes = ring.qCount() + ring.pCount();
                for (int j = 0; j < keyDigits(); j++) frame.writeRows(out, key.b()[j], primes, 0);
            });
        }
        return frame.build(SWITCHING_KEY, out -> {
            out.writeLong(key.galoisElement());
            int primes = ring.qCount() + ring.pCount();
            for (int j = 0; j < keyDigits(); j++) {
                frame.writeRows(out, key.b()[j], primes, 0);
                frame.writeRows(out, key.a()[j], primes, 0);
            }
        });
    }

    /**
     * The bytes {@link #write(SwitchingKey)} makes of {@code key}, without making them: a client sizing a multi-GB key
     * upload (a Content-Length) need not serialise it twice.
     */
    long size(SwitchingKey key) {
        long header = BcksFrame.HEADER + Long.BYTES;
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
        return frame.build(LEVEL_LIMITED_SWITCHING_KEY, out -> {
            out.writeLong(key.galoisElement());
            out.writeByte(maxLevel);
            out.write(key.seed().get());
            for (long[][] digit : key.b()) {
                frame.writeRows(out, digit, maxLevel + 1, 0);
                frame.writeRows(out, digit, ring.pCount(), ring.qCount());
            }
        });
    }

    /** Digits of every full switching key of this ring (see KeyDigits). */
    private int keyDigits() {
        return KeyDigits.of(ring).count();
    }

    /** A key as written; {@code compact} holds a seeded one as b and its seed from the start (see SwitchingKey#compact). */
    SwitchingKey read(byte[] bytes, boolean compact) {
        ByteBuffer in = frame.open(bytes);
        byte type = in.get();
        if (type != SWITCHING_KEY && type != SEEDED_SWITCHING_KEY && type != LEVEL_LIMITED_SWITCHING_KEY) {
            throw new MalformedInputException("not a switching key (type " + type + ")");
        }
        frame.checkFingerprint(in);
        long element = in.getLong();
        long twoN = 2L * ring.n();
        if (element != SwitchingKey.RELINEARIZATION && (element <= 0 || element >= twoN || element % 2 == 0)) {
            throw new MalformedInputException("Galois element " + element + " is not an odd number below 2N");
        }
        int primes = ring.qCount() + ring.pCount();
        if (type == LEVEL_LIMITED_SWITCHING_KEY) return readLevelLimited(in, element, compact);
        long[][][] b = new long[keyDigits()][][];
        if (type == SEEDED_SWITCHING_KEY) {
            byte[] seed = new byte[32];
            in.get(seed);
            for (int j = 0; j < b.length; j++) b[j] = frame.readRows(in, primes, 0);
            BcksFrame.requireEnd(in);
            return seeded(element, b, seed, ring.qCount() - 1, compact);
        }
        long[][][] a = new long[b.length][][];
        for (int j = 0; j < b.length; j++) {
            b[j] = frame.readRows(in, primes, 0);
            a[j] = frame.readRows(in, primes, 0);
        }
        BcksFrame.requireEnd(in);
        SwitchingKey key = SwitchingKey.of(ring, element, b, a);
        return compact ? key.compact() : key;
    }

    private SwitchingKey seeded(long element, long[][][] b, byte[] seed, int maxLevel, boolean compact) {
        return compact ? SwitchingKey.compactSeeded(ring, element, b, seed, maxLevel) : SwitchingKey.seeded(ring, element, b, seed, maxLevel);
    }

    private SwitchingKey readLevelLimited(ByteBuffer in, long element, boolean compact) {
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
            long[][] q = frame.readRows(in, maxLevel + 1, 0);
            long[][] p = frame.readRows(in, ring.pCount(), ring.qCount());
            for (int i = 0; i < primes; i++) digit[i] = i <= maxLevel ? q[i] : i < ring.qCount() ? new long[0] : p[i - ring.qCount()];
        }
        BcksFrame.requireEnd(in);
        return seeded(element, b, seed, maxLevel, compact);
    }
}
