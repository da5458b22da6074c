package ai.based.miner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Clients' evaluation contexts ({@link ServedModel#open}) by key-set id, within a byte budget: the least recently used key set is evicted to
 * make room, and one that could never fit is refused ({@link KeyStoreFullException}) before it is kept. A key set's
 * bytes are its in-memory size ({@link ai.based.miner.remote.EvaluationKeyFormat#inMemoryBytes}), about four times its seeded upload.
 */
public final class EvaluationKeyStore {
    private final long budget;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long used;

    private record Entry(Object session, long bytes) {}

    public EvaluationKeyStore(long budgetBytes) {
        if (budgetBytes <= 0) throw new IllegalArgumentException("the key store's budget must be positive");
        this.budget = budgetBytes;
    }

    /** Refuses, before anything is read, a key set of {@code bytes} that can never fit. */
    public void checkFits(long bytes) {
        if (bytes > budget) {
            throw new KeyStoreFullException(String.format("a key set of %,d bytes in memory does not fit this miner's key store of %,d bytes",
                    bytes, budget));
        }
    }

    public synchronized void put(String keySetId, Object session, long bytes) {
        checkFits(bytes);
        Entry old = entries.remove(keySetId);
        if (old != null) used -= old.bytes();
        evictFor(bytes);
        entries.put(keySetId, new Entry(session, bytes));
        used += bytes;
    }

    /**
     * Evicts the least recently used key sets until {@code bytes} more fit the budget. A key set being loaded occupies
     * its memory before {@link #put} can evict for it: without room made first, a full store plus one upload being
     * parsed would take the budget twice over, and the heap with it.
     */
    public synchronized void makeRoom(long bytes) {
        checkFits(bytes);
        evictFor(bytes);
    }

    private void evictFor(long bytes) {
        var eldest = entries.entrySet().iterator();
        while (used + bytes > budget && eldest.hasNext()) {
            Map.Entry<String, Entry> evicted = eldest.next();
            used -= evicted.getValue().bytes();
            eldest.remove();
        }
    }

    /** The key set's evaluation context when it is held and of {@code type} (the served model's kind). */
    public synchronized <S> Optional<S> get(String keySetId, Class<S> type) {
        Entry entry = entries.get(keySetId);
        return entry == null || !type.isInstance(entry.session()) ? Optional.empty() : Optional.of(type.cast(entry.session()));
    }

    public synchronized boolean contains(String keySetId) {
        return entries.containsKey(keySetId);
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long usedBytes() {
        return used;
    }

    public long budgetBytes() {
        return budget;
    }
}
