package ai.based.gpu;

import ai.based.fhe.ring.CpuBackend;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.Ntt;
import ai.based.fhe.ring.Primes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which calls of the GPU backend go where: single rows to the CPU backend (a PCIe round trip costs more than the
 * kernel), batches of DEVICE_BATCH rows and more to the device. Without a device, the batches fail with the reason.
 */
class GpuBackendRoutingTest {
    @Test
    void singleRowCallsRunOnTheCpuBackendAndGiveItsResidues() {
        GpuBackend gpu = new GpuBackend();
        assertThat(gpu.rowsOn()).startsWith("cpu");
        int logN = 10;
        long q = Primes.ntt(logN, List.of(55)).get(0);
        Ntt ntt = new Ntt(new Modulus(q), logN);
        long[] row = new SplittableRandom(7).longs(1 << logN, 0, q).toArray();
        long[] expected = row.clone();
        new CpuBackend().forwardNtt(ntt, expected);
        gpu.forwardNtt(ntt, row);
        assertThat(row).isEqualTo(expected);
        long[][] small = {row.clone(), row.clone()};
        gpu.inverseNtt(new Ntt[] {ntt, ntt}, small); // below DEVICE_BATCH: on the CPU as well
        new CpuBackend().inverseNtt(ntt, expected);
        assertThat(small[0]).isEqualTo(expected);
    }

    @Test
    void batchesGoToTheDeviceAndWithoutOneFailSayingWhy() {
        GpuBackend gpu = new GpuBackend();
        int logN = 10;
        long q = Primes.ntt(logN, List.of(55)).get(0);
        Ntt ntt = new Ntt(new Modulus(q), logN);
        Ntt[] ntts = new Ntt[GpuBackend.DEVICE_BATCH];
        long[][] rows = new long[ntts.length][];
        for (int i = 0; i < ntts.length; i++) {
            ntts[i] = ntt;
            rows[i] = new SplittableRandom(i).longs(1 << logN, 0, q).toArray();
        }
        long[][] expected = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            expected[i] = rows[i].clone();
            new CpuBackend().forwardNtt(ntt, expected[i]);
        }
        if (GpuDevice.kernels() == null) {
            assertThatThrownBy(() -> gpu.forwardNtt(ntts, rows)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no GPU").hasMessageContaining(GpuDevice.reason());
        } else {
            gpu.forwardNtt(ntts, rows);
            assertThat(rows).isDeepEqualTo(expected);
        }
    }
}
