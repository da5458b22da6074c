package ai.based.gpu;

import ai.based.fhe.ring.RingContext;
import ai.based.fhe.rlwe.Plaintext;
import ai.based.fhe.rlwe.SwitchingKey;

import java.lang.ref.Cleaner;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * What the device holds for the library beside ciphertexts: the keys and plaintexts in use, each uploaded the first
 * time an operation needs it and freed once the host object is collected (both are records of arrays, so each is equal
 * only to itself), and every allocation retried once after a collection, since dropped ciphertexts free their rows
 * only when the JVM collects them. Used under the device lock ({@code lock}), which the retry's wait gives up.
 */
final class DeviceHoldings {
    private static final long RETRY_WAIT_MS = 200;
    private static final Cleaner CLEANER = Cleaner.create();

    private final RingContext ring;
    private final CudaKernels kernels;
    private final Object lock;
    private final Map<SwitchingKey, DeviceSwitchingKey> keys = new WeakHashMap<>();
    /** Keys the device had no room for even after a collection: not tried again (each try costs a collection). */
    private final Map<SwitchingKey, Boolean> declined = new WeakHashMap<>();
    /** Rows 0..level of each plaintext. */
    private final Map<Plaintext, DeviceBuffer> plaintexts = new WeakHashMap<>();

    DeviceHoldings(RingContext ring, CudaKernels kernels, Object lock) {
        this.ring = ring;
        this.kernels = kernels;
        this.lock = lock;
    }

    /**
     * Whether the key is on the device, or now uploaded there: false when there is no room for it even after a
     * collection, remembered for as long as the key lives.
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

    /** The key's device copy, uploaded on first use and freed once the key itself is collected. */
    DeviceSwitchingKey key(SwitchingKey key) {
        DeviceSwitchingKey uploaded = keys.get(key);
        if (uploaded == null) {
            kernels.bind();
            SwitchingKey whole = DeviceAccelerator.whole(ring, key);
            DeviceSwitchingKey fresh = withMemory(() -> new DeviceSwitchingKey(ring, whole));
            keys.put(key, fresh);
            freedWith(key, fresh::close);
            uploaded = fresh;
        }
        return uploaded;
    }

    /** The plaintext's rows on the device, uploaded on first use and freed once the plaintext itself is collected. */
    DeviceBuffer plaintext(Plaintext p) {
        DeviceBuffer uploaded = plaintexts.get(p);
        if (uploaded == null) {
            kernels.bind();
            DeviceBuffer fresh = withMemory(() -> new DeviceBuffer((long) (p.level() + 1) * ring.n()));
            try {
                for (int i = 0; i <= p.level(); i++) CudaKernels.upload(fresh, (long) i * ring.n(), p.rows()[i]);
            } catch (RuntimeException e) {
                fresh.free();
                throw e;
            }
            plaintexts.put(p, fresh);
            freedWith(p, fresh::free);
            uploaded = fresh;
        }
        return uploaded;
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

    /**
     * The allocation, retried once after a collection has freed what dropped ciphertexts held. Under the lock, which
     * the wait gives up: the cleaner frees the collected ciphertexts' rows on its own thread, under the same lock.
     */
    <T> T withMemory(Supplier<T> allocation) {
        try {
            return allocation.get();
        } catch (DeviceMemoryExhausted e) {
            System.gc();
            try {
                lock.wait(RETRY_WAIT_MS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw e;
            }
            kernels.bind();
            return allocation.get();
        }
    }
}
