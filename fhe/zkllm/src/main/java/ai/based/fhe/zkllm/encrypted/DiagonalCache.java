package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.rlwe.Plaintext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The diagonal plaintexts of a model's matrices, encoded once and kept for every later pass. Encoding a diagonal is an
 * FFT and one NTT per prime; a pass of the tiny model encodes about four thousand of them, a fifth of its time, and
 * they depend only on the weights and the level, never on the client. Memory is bounded: once the budget is spent,
 * further diagonals are encoded on every pass as without a cache.
 */
public final class DiagonalCache {
    /** A matrix block (by identity: the blocks are the circuit's own arrays), a diagonal, its giant step, a level. */
    private record Key(double[][] block, int diagonal, int giant, int level) {}

    private final Map<Key, Plaintext> plaintexts = new ConcurrentHashMap<>();
    private final long budgetBytes;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong hits = new AtomicLong();

    private DiagonalCache(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** Keeps nothing: every pass encodes its diagonals. */
    public static DiagonalCache none() {
        return new DiagonalCache(0);
    }

    /** Keeps diagonals up to {@code budgetBytes} of plaintext. */
    public static DiagonalCache upTo(long budgetBytes) {
        if (budgetBytes < 0) throw new IllegalArgumentException("a cache budget cannot be negative: " + budgetBytes);
        return new DiagonalCache(budgetBytes);
    }

    Plaintext get(double[][] block, int diagonal, int giant, int level, Supplier<Plaintext> encode) {
        if (budgetBytes == 0) return encode.get();
        Key key = new Key(block, diagonal, giant, level);
        Plaintext kept = plaintexts.get(key);
        if (kept != null) {
            hits.incrementAndGet();
            return kept;
        }
        Plaintext fresh = encode.get();
        long size = 8L * fresh.rows().length * fresh.rows()[0].length;
        if (bytes.addAndGet(size) > budgetBytes || plaintexts.putIfAbsent(key, fresh) != null) bytes.addAndGet(-size);
        return fresh;
    }

    /** Keeps diagonals up to half of the JVM's maximum heap: what a long-running miner or a generating client uses. */
    public static DiagonalCache halfOfHeap() {
        return upTo(Runtime.getRuntime().maxMemory() / 2);
    }

    /** Plaintext bytes held. */
    public long bytes() {
        return bytes.get();
    }

    public int size() {
        return plaintexts.size();
    }

    /** Diagonals served from the cache rather than encoded. */
    public long hits() {
        return hits.get();
    }
}
