package ai.based.gpu;

import ai.based.fhe.ring.RingContext;
import ai.based.fhe.rlwe.Plaintext;
import ai.based.fhe.rlwe.SwitchingKey;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * What the device holds for the library beside ciphertexts: the keys (with their Galois permutations) and plaintexts
 * in use, each uploaded the first time an operation needs it and freed once the host object is collected (both are
 * records of arrays, equal only with the same arrays). An allocation the device refuses is retried while something
 * can make room: a collection (dropped ciphertexts free their rows only when the JVM collects them), or the eviction of
 * a plaintext's device copy, least recently used first and never one an operation in flight is looking up, uploaded
 * again when next used (a model's diagonals may outgrow the device). Used under the device lock (the evaluator), which
 * a collection's wait gives up: an upload re-checks what another thread put there meanwhile.
 */
final class DeviceHoldings {
    private static final long RETRY_WAIT_MS = 200;
    /** Between two collections for room, evictions make it. */
    private static final long COLLECTION_INTERVAL_NS = 1_000_000_000L;
    private static final Cleaner CLEANER = Cleaner.create();

    private final RingContext ring;
    private final CudaKernels kernels;
    private final DeviceEvaluator lock;
    private final Map<SwitchingKey, DeviceSwitchingKey> keys = new WeakHashMap<>();
    /** Keys the device had no room for even after a collection: not tried again (each try costs a collection). */
    private final Map<SwitchingKey, Boolean> declined = new WeakHashMap<>();
    /** Each plaintext in use, with its rows 0..level on the device unless evicted. */
    private final Map<Plaintext, Upload> plaintexts = new WeakHashMap<>();
    /** Plaintexts that lookups in flight hold (a lookup's upload may wait without the lock), with counts. */
    private final Map<Plaintext, Integer> pinned = new HashMap<>();
    private long uses;
    private long lastCollection = System.nanoTime() - COLLECTION_INTERVAL_NS;

    DeviceHoldings(RingContext ring, CudaKernels kernels, DeviceEvaluator evaluator) {
        this.ring = ring;
        this.kernels = kernels;
        this.lock = evaluator;
    }

    /**
     * Whether the key is on the device, or now uploaded there: false when there is no room for it even after a
     * collection, remembered for as long as the key lives. Plaintexts are evicted for a key only when they could make
     * room for all of it.
     */
    boolean holds(SwitchingKey key) {
        if (keys.containsKey(key)) return true;
        if (declined.containsKey(key)) return false;
        try {
            key(key);
            return true;
        } catch (DeviceMemoryExhausted e) {
            declined.put(key, Boolean.TRUE);
            return false;
        }
    }

    /** The key's device copy (and a Galois key's permutation), uploaded on first use and freed once the key itself is collected. */
    DeviceSwitchingKey key(SwitchingKey key) {
        DeviceSwitchingKey uploaded = keys.get(key);
        if (uploaded != null) return uploaded;
        kernels.bind();
        SwitchingKey whole = DeviceAccelerator.whole(ring, key);
        DeviceSwitchingKey fresh = withMemory(() -> new DeviceSwitchingKey(ring, whole), evictableBytes() >= whole.bytes());
        try {
            withMemory(() -> lock.permutationFor(fresh), true); // a Galois key's rotations need it: made now, where room can be made
        } catch (RuntimeException e) {
            fresh.close();
            throw e;
        }
        DeviceSwitchingKey raced = keys.get(key); // put there by another thread while a collection waited
        if (raced != null) {
            fresh.close();
            return raced;
        }
        keys.put(key, fresh);
        freedWith(key, fresh::close);
        return fresh;
    }

    /** The plaintext's rows on the device, uploaded on first use and freed once the plaintext itself is collected. */
    DeviceBuffer plaintext(Plaintext p) {
        return plaintexts(List.of(p)).getFirst();
    }

    /**
     * The plaintexts' rows on the device, in order, each uploaded on first use; none of them is evicted to make room for
     * another (each stays on the device until its launch is queued, under the same lock hold as this call's return).
     */
    List<DeviceBuffer> plaintexts(List<Plaintext> ps) {
        ps.forEach(p -> pinned.merge(p, 1, Integer::sum));
        try {
            List<DeviceBuffer> rows = new ArrayList<>(ps.size());
            for (Plaintext p : ps) {
                Upload upload = plaintexts.computeIfAbsent(p, this::registered);
                if (upload.rows == null) fill(upload, p);
                upload.lastUse = ++uses;
                rows.add(upload.rows);
            }
            return rows;
        } finally {
            ps.forEach(p -> pinned.computeIfPresent(p, (key, count) -> count == 1 ? null : count - 1));
        }
    }

    /** A plaintext's record, freed with it: one cleaner for every upload of it, evictions between them included. */
    private Upload registered(Plaintext p) {
        Upload upload = new Upload();
        freedWith(p, upload::close);
        return upload;
    }

    private void fill(Upload upload, Plaintext p) {
        kernels.bind();
        DeviceBuffer fresh = withMemory(() -> new DeviceBuffer((long) (p.level() + 1) * ring.n()), true);
        try {
            for (int i = 0; i <= p.level(); i++) CudaKernels.upload(fresh, (long) i * ring.n(), p.rows()[i]);
        } catch (RuntimeException e) {
            fresh.free();
            throw e;
        }
        if (upload.rows != null) fresh.free(); // uploaded by another thread while a collection waited
        else upload.rows = fresh;
    }

    /** A plaintext's device copy, or null while evicted; freed for good when its plaintext is collected. */
    private static final class Upload {
        DeviceBuffer rows;
        long lastUse;

        void evict() {
            rows.free();
            rows = null;
        }

        void close() {
            if (rows != null) evict();
        }
    }

    /** Bytes that evictions could free now: every plaintext copy no lookup in flight holds. */
    private long evictableBytes() {
        long bytes = 0;
        for (Map.Entry<Plaintext, Upload> e : plaintexts.entrySet()) {
            if (e.getValue().rows != null && !pinned.containsKey(e.getKey())) bytes += e.getValue().rows.words() * Long.BYTES;
        }
        return bytes;
    }

    /** Frees the least recently used plaintext copy no lookup in flight holds; false when there is none. */
    private boolean evictOne() {
        Map.Entry<Plaintext, Upload> oldest = null;
        for (Map.Entry<Plaintext, Upload> e : plaintexts.entrySet()) {
            Upload u = e.getValue();
            if (u.rows != null && !pinned.containsKey(e.getKey()) && (oldest == null || u.lastUse < oldest.getValue().lastUse)) oldest = e;
        }
        if (oldest == null) return false;
        oldest.getValue().evict();
        return true;
    }

    /** Runs {@code free} under the device lock once {@code owner} is collected. */
    private void freedWith(Object owner, Runnable free) {
        CLEANER.register(owner, () -> {
            synchronized (lock) {
                kernels.bind();
                free.run();
            }
        });
    }

    /** {@link #withMemory(Supplier, boolean)} with evictions allowed. */
    <T> T withMemory(Supplier<T> allocation) {
        return withMemory(allocation, true);
    }

    /**
     * The allocation, retried while something can make room: a collection, whose freed ciphertexts (dropped results
     * the JVM has not collected yet) the cleaner returns, or, where {@code mayEvict}, the eviction of the least recently
     * used plaintext copy. A collection costs a full GC and a wait, an eviction one upload when the plaintext is next
     * used: so a collection comes first unless there was one in the last {@link #COLLECTION_INTERVAL_NS}, and always
     * before giving up. Under the lock, which the wait gives up: the cleaner frees the collected ciphertexts' rows on
     * its own thread, under the same lock.
     */
    <T> T withMemory(Supplier<T> allocation, boolean mayEvict) {
        boolean collected = false;
        while (true) {
            try {
                return allocation.get();
            } catch (DeviceMemoryExhausted e) {
                if (!collected && System.nanoTime() - lastCollection > COLLECTION_INTERVAL_NS) {
                    collect(e);
                    collected = true;
                } else if (!mayEvict || !evictOne()) {
                    if (collected) throw e;
                    collect(e);
                    collected = true;
                }
            }
        }
    }

    private void collect(DeviceMemoryExhausted cause) {
        System.gc();
        try {
            lock.wait(RETRY_WAIT_MS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
        kernels.bind();
        lastCollection = System.nanoTime();
    }
}
