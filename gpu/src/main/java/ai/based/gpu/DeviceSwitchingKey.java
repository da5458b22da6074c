package ai.based.gpu;

import ai.based.fhe.ring.RingContext;
import ai.based.fhe.rlwe.KeyDigits;
import ai.based.fhe.rlwe.SwitchingKey;

import java.util.ArrayList;
import java.util.List;

/**
 * A switching key (relinearisation or Galois) in device memory, uploaded once: b, a and their Shoup companions,
 * each laid out [digit][row][N]. A key serving levels up to {@link #level} (a full key: the top one) holds the digits
 * of that level and, per digit, the rows of q_0..q_level and of the special primes: a level-limited key (bootstrapping's
 * SlotsToCoeffs keys, a model's below bootstrapping) takes only the memory of its rows.
 */
public final class DeviceSwitchingKey implements AutoCloseable {
    final DeviceBuffer b;
    final DeviceBuffer a;
    final DeviceBuffer bShoup;
    final DeviceBuffer aShoup;
    final int digits;
    /** The highest level it switches at. */
    final int level;
    final long galoisElement;
    /** The primes of its rows: q_0..q_level, then the special primes. */
    private final int[] primes;

    public DeviceSwitchingKey(RingContext ring, SwitchingKey key) {
        GpuDevice.require();
        if (key.isLean()) throw new IllegalArgumentException("a lean switching key (no Shoup companions) cannot go to the device: use the full key");
        this.level = key.maxLevel(ring);
        this.digits = key.b().length;
        if (digits != KeyDigits.of(ring).countAt(level)) {
            throw new IllegalArgumentException("the key has " + digits + " digits, a key for level " + level + " has " + KeyDigits.of(ring).countAt(level));
        }
        this.primes = new int[level + 1 + ring.pCount()];
        for (int r = 0; r < primes.length; r++) primes[r] = r <= level ? r : ring.qCount() + r - level - 1;
        this.galoisElement = key.galoisElement();
        List<DeviceBuffer> made = new ArrayList<>();
        try { // a part that fails (no room, a malformed digit) frees the parts already up
            b = upload(made, key.b(), ring);
            a = upload(made, key.a(), ring);
            bShoup = upload(made, key.bShoup(), ring);
            aShoup = upload(made, key.aShoup(), ring);
        } catch (RuntimeException e) {
            made.forEach(DeviceBuffer::free);
            throw e;
        }
    }

    private DeviceBuffer upload(List<DeviceBuffer> made, long[][][] rows, RingContext ring) {
        int n = ring.n();
        for (int j = 0; j < digits; j++) {
            if (rows[j].length != ring.qCount() + ring.pCount()) {
                throw new IllegalArgumentException("key digit " + j + " has " + rows[j].length + " primes, the ring " + (ring.qCount() + ring.pCount()));
            }
            for (int prime : primes) {
                if (rows[j][prime].length != n) throw new IllegalArgumentException("key digit " + j + " has no row of N words for prime " + prime);
            }
        }
        DeviceBuffer buffer = new DeviceBuffer((long) digits * primes.length * n);
        made.add(buffer);
        for (int j = 0; j < digits; j++) {
            for (int r = 0; r < primes.length; r++) CudaKernels.upload(buffer, ((long) j * primes.length + r) * n, rows[j][primes[r]]);
        }
        return buffer;
    }

    @Override
    public void close() {
        b.free();
        a.free();
        bShoup.free();
        aShoup.free();
    }
}
