package ai.based.miner.remote;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.KeyPlan;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.io.MalformedInputException;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.rlwe.SwitchingKey;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A key set as it is uploaded: "BKEY", a count, then each switching key length-prefixed in fhe/ckks's binary format
 * (seeded keys travel as their seed, about half the bytes). Reading bounds the count and every length by what the
 * parameters allow before it allocates, and each key is validated by the serializer.
 */
public final class EvaluationKeyFormat {
    private static final int MAGIC = 0x424B4559; // "BKEY"
    /** More than any circuit asks for: one relinearisation key and a Galois key per rotation. */
    public static final int MAX_KEYS = 256;

    private final Parameters params;
    private final Serializer wire;

    public EvaluationKeyFormat(Parameters params) {
        this.params = params;
        this.wire = new Serializer(params);
    }

    public void write(EvaluationKeys keys, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        writeKeys(keys, data);
        data.flush();
    }

    /** The key set's block ("BKEY", count, keys) within a larger upload. */
    void writeKeys(EvaluationKeys keys, DataOutputStream data) throws IOException {
        writeKeys(KeyPlan.of(keys), data);
    }

    /**
     * The block with each key made as it is written, so that only one is held at a time.
     *
     * @return what the keys occupy in a miner's memory once read without their Shoup companions
     */
    long writeKeys(KeyPlan plan, DataOutputStream data) throws IOException {
        data.writeInt(MAGIC);
        data.writeInt(plan.size());
        long heldBytes = 0;
        for (Supplier<SwitchingKey> made : plan.keys()) heldBytes += writeKey(made.get(), data);
        return heldBytes;
    }

    /** @return what the key occupies in memory once read compact */
    long writeKey(SwitchingKey key, DataOutputStream data) throws IOException {
        byte[] bytes = wire.write(key);
        data.writeInt(bytes.length);
        data.write(bytes);
        return key.compact().bytes();
    }

    /** The upload's size in bytes, for a Content-Length. */
    public long size(EvaluationKeys keys) {
        long total = 8;
        if (keys.relinearization().isPresent()) total += 4 + wireBytes(keys.relinearization().get());
        for (SwitchingKey key : keys.galois().values()) total += 4 + wireBytes(key);
        return total;
    }

    /** One key's bytes in the binary format (without its length prefix), counted without writing them. */
    long wireBytes(SwitchingKey key) {
        return wire.size(key);
    }

    public EvaluationKeys read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        try {
            EvaluationKeys keys = readKeys(data, false);
            if (data.read() != -1) throw new MalformedInputException("bytes after the last key");
            return keys;
        } catch (EOFException e) {
            throw new MalformedInputException("the key set ends in the middle of a key");
        }
    }

    /**
     * A key set's block within a larger upload; {@code compact} drops each key's Shoup companions and holds its uniform
     * half as its seed (see SwitchingKey#compact) as it is read.
     */
    EvaluationKeys readKeys(DataInputStream data, boolean compact) throws IOException {
        if (data.readInt() != MAGIC) throw new MalformedInputException("not a key set upload (no BKEY header)");
        int count = data.readInt();
        if (count < 1 || count > MAX_KEYS) throw new MalformedInputException("a key set of " + count + " keys (1 to " + MAX_KEYS + " allowed)");
        Optional<SwitchingKey> relinearization = Optional.empty();
        Map<Long, SwitchingKey> galois = new HashMap<>();
        for (int i = 0; i < count; i++) {
            SwitchingKey key = readKey(data, "key " + i, compact);
            if (key.galoisElement() == SwitchingKey.RELINEARIZATION) {
                if (relinearization.isPresent()) throw new MalformedInputException("two relinearisation keys");
                relinearization = Optional.of(key);
            } else if (galois.putIfAbsent(key.galoisElement(), key) != null) {
                throw new MalformedInputException("two Galois keys for element " + key.galoisElement());
            }
        }
        return new EvaluationKeys(relinearization, galois);
    }

    /**
     * One length-prefixed key, its length bounded by a full key of the parameters before anything is allocated;
     * {@code compact} reads it as b and its seed (see SwitchingKey#compact).
     */
    SwitchingKey readKey(DataInputStream data, String what, boolean compact) throws IOException {
        long maxKey = fullKeyBytes() + 64;
        int length = data.readInt();
        if (length <= 0 || length > maxKey) throw new MalformedInputException(what + " claims " + length + " bytes (at most " + maxKey + ")");
        byte[] bytes = data.readNBytes(length);
        if (bytes.length < length) throw new EOFException();
        return compact ? wire.readCompactSwitchingKey(bytes) : wire.readSwitchingKey(bytes);
    }

    /** What one key occupies in memory once loaded: b and a, each with its Shoup companion. */
    public long inMemoryBytes(EvaluationKeys keys) {
        return inMemoryBytes(keys.galois().size() + (keys.relinearization().isPresent() ? 1 : 0));
    }

    /** What {@code keys} keys occupy in memory once loaded, seeded or not. */
    public long inMemoryBytes(int keys) {
        return keys * 4 * wordsPerHalf() * 8;
    }

    /**
     * The number of keys an upload declares in its header, checked as {@link #read} checks it: what it will occupy is
     * known before any key is read (a seeded key takes four times its bytes once loaded).
     */
    public int declaredKeys(byte[] upload) throws MalformedInputException {
        if (upload.length < 8 || java.nio.ByteBuffer.wrap(upload).getInt() != MAGIC) {
            throw new MalformedInputException("not a key set upload (no BKEY header)");
        }
        int count = java.nio.ByteBuffer.wrap(upload).getInt(4);
        if (count < 1 || count > MAX_KEYS) throw new MalformedInputException("a key set of " + count + " keys (1 to " + MAX_KEYS + " allowed)");
        return count;
    }

    private long fullKeyBytes() {
        return 2 * wordsPerHalf() * 8;
    }

    private long wordsPerHalf() {
        return (long) params.ring().qCount() * (params.ring().qCount() + params.ring().pCount()) * params.n();
    }
}
