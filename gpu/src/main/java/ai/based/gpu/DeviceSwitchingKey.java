package ai.based.gpu;

import ai.based.fhe.ring.RingContext;
import ai.based.fhe.rlwe.SwitchingKey;

import java.util.ArrayList;
import java.util.List;

/**
 * A switching key (relinearisation or Galois) in device memory, uploaded once: b, a and their Shoup companions,
 * each laid out [digit][prime][N].
 */
public final class DeviceSwitchingKey implements AutoCloseable {
    final DeviceBuffer b;
    final DeviceBuffer a;
    final DeviceBuffer bShoup;
    final DeviceBuffer aShoup;
    final int digits;
    final int primes;
    final long galoisElement;

    public DeviceSwitchingKey(RingContext ring, SwitchingKey key) {
        GpuDevice.require();
        if (key.isLean()) throw new IllegalArgumentException("a lean switching key (no Shoup companions) cannot go to the device: use the full key");
        this.digits = key.b().length;
        this.primes = ring.qCount() + ring.pCount();
        this.galoisElement = key.galoisElement();
        List<DeviceBuffer> made = new ArrayList<>();
        try { // a part that fails (no room, a malformed digit) frees the parts already up
            b = upload(made, key.b(), ring.n());
            a = upload(made, key.a(), ring.n());
            bShoup = upload(made, key.bShoup(), ring.n());
            aShoup = upload(made, key.aShoup(), ring.n());
        } catch (RuntimeException e) {
            made.forEach(DeviceBuffer::free);
            throw e;
        }
    }

    private DeviceBuffer upload(List<DeviceBuffer> made, long[][][] rows, int n) {
        for (int j = 0; j < digits; j++) {
            if (rows[j].length != primes) throw new IllegalArgumentException("key digit " + j + " has " + rows[j].length + " primes, the ring " + primes);
        }
        DeviceBuffer buffer = new DeviceBuffer((long) digits * primes * n);
        made.add(buffer);
        for (int j = 0; j < digits; j++) {
            for (int p = 0; p < primes; p++) CudaKernels.upload(buffer, ((long) j * primes + p) * n, rows[j][p]);
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
