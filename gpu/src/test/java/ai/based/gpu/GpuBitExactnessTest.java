package ai.based.gpu;

import ai.based.fhe.ring.CpuBackend;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.Ntt;
import ai.based.fhe.ring.Primes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every per-row kernel on the device (DeviceRows) against the CPU backend on random rows: the same words, bit for bit. Needs a CUDA
 * device (skipped without one; gpu/scripts/device-check.sh runs it on one).
 */
class GpuBitExactnessTest {
    private static final CpuBackend CPU = new CpuBackend();
    private static DeviceRows gpu;

    @BeforeAll
    static void device() {
        gpu = new DeviceRows();
        assumeTrue(gpu.available(), () -> "no CUDA device: " + GpuDevice.reason());
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 11, 12, 13, 14, 15, 16})
    void nttBothWaysSingleAndBatched(int logN) {
        List<Long> primes = Primes.ntt(logN, List.of(60, 50, 40, 59));
        SplittableRandom random = new SplittableRandom(logN);
        Ntt[] ntts = primes.stream().map(q -> new Ntt(new Modulus(q), logN)).toArray(Ntt[]::new);
        long[][] rows = new long[ntts.length][];
        for (int i = 0; i < rows.length; i++) rows[i] = random(random, 1 << logN, primes.get(i));

        for (int i = 0; i < rows.length; i++) {
            long[] cpu = rows[i].clone();
            long[] dev = rows[i].clone();
            CPU.forwardNtt(ntts[i], cpu);
            gpu.forwardNtt(ntts[i], dev);
            assertThat(dev).as("forward, prime %d", i).isEqualTo(cpu);
            CPU.inverseNtt(ntts[i], cpu);
            gpu.inverseNtt(ntts[i], dev);
            assertThat(dev).as("inverse, prime %d", i).isEqualTo(cpu).isEqualTo(rows[i]);
        }
        long[][] cpu = clone(rows);
        long[][] dev = clone(rows);
        CPU.forwardNtt(ntts, cpu);
        gpu.forwardNtt(ntts, dev);
        assertThat(dev).isDeepEqualTo(cpu);
        CPU.inverseNtt(ntts, cpu);
        gpu.inverseNtt(ntts, dev);
        assertThat(dev).isDeepEqualTo(cpu).isDeepEqualTo(rows);
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 14})
    void elementwiseKernels(int logN) {
        int n = 1 << logN;
        List<Long> primes = Primes.ntt(logN, List.of(60, 45));
        SplittableRandom random = new SplittableRandom(31 * logN);
        for (long q : primes) {
            Modulus m = new Modulus(q);
            long[] a = random(random, n, q);
            long[] b = random(random, n, q);
            long[] w = random(random, n, q);
            long[] ws = new long[n];
            for (int i = 0; i < n; i++) ws[i] = m.shoup(w[i]);
            long[] lazy = random(random, n, 4 * q);

            long[] cpu = lazy.clone();
            long[] dev = lazy.clone();
            CPU.mulAccumulateLazy(a, w, ws, cpu, m);
            gpu.mulAccumulateLazy(a, w, ws, dev, m);
            assertThat(dev).as("mulAccumulateLazy").isEqualTo(cpu);
            CPU.reduceLazy(cpu, m);
            gpu.reduceLazy(dev, m);
            assertThat(dev).as("reduceLazy").isEqualTo(cpu);

            for (long source : List.of(primes.get(0), primes.get(1), 3L)) {
                long[] residues = random(random, n, source);
                long[] c = new long[n];
                long[] d = new long[n];
                CPU.liftCentered(residues, source, m, c);
                gpu.liftCentered(residues, source, m, d);
                assertThat(d).as("liftCentered from %d", source).isEqualTo(c);
            }

            long[] c = new long[n];
            long[] d = new long[n];
            CPU.add(a, b, c, m);
            gpu.add(a, b, d, m);
            assertThat(d).as("add").isEqualTo(c);
            CPU.sub(a, b, c, m);
            gpu.sub(a, b, d, m);
            assertThat(d).as("sub").isEqualTo(c);

            long k = random.nextLong(q);
            c = a.clone();
            d = a.clone();
            CPU.subtractAndScale(c, b, k, m.shoup(k), m);
            gpu.subtractAndScale(d, b, k, m.shoup(k), m);
            assertThat(d).as("subtractAndScale").isEqualTo(c);
        }
    }

    private static long[] random(SplittableRandom random, int n, long bound) {
        long[] row = new long[n];
        for (int i = 0; i < n; i++) row[i] = random.nextLong(bound);
        return row;
    }

    private static long[][] clone(long[][] rows) {
        long[][] copy = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) copy[i] = rows[i].clone();
        return copy;
    }
}
