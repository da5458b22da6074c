package ai.based.gpu;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.SecretKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static ai.based.gpu.CudaKernels.address;
import static ai.based.gpu.CudaKernels.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The device accelerator with its device full, and launches a device would run wrongly in silence, on the host
 * emulator (the gpu module's emulated-device test run; a real device cannot be filled on demand): a key with no room
 * stays on the CPU and gives the same residues; results the caller dropped make room again; plaintexts beyond the
 * device's room are evicted and uploaded again, never one an operation is using; a launch with an argument of the
 * wrong width, or with freed memory, is refused.
 */
class EmulatedDeviceLimitsTest {
    private static final Parameters PARAMS = Parameters.create(ParametersLiteral.N8192);
    private HostEmulatedDriver driver;

    @BeforeEach
    void emulator() {
        CudaKernels kernels = GpuDevice.kernels();
        assumeTrue(kernels != null && kernels.driver() instanceof HostEmulatedDriver, "runs on the host emulator (-Dbased.gpu.driver)");
        driver = (HostEmulatedDriver) kernels.driver();
    }

    @AfterEach
    void unlimited() {
        if (driver != null) driver.limitTo(Long.MAX_VALUE);
    }

    @Test
    void aKeyTheDeviceHasNoRoomForRunsOnTheCpuAndDroppedResultsMakeRoom() throws InterruptedException {
        KeyGenerator keygen = new KeyGenerator(PARAMS.ring(), Sampler.secure());
        SecretKey sk = keygen.secretKey();
        long one = Galois.rotationElement(1, PARAMS.logN());
        long two = Galois.rotationElement(2, PARAMS.logN());
        Evaluator device = new Evaluator(PARAMS, new EvaluationKeys(Optional.empty(), Map.of(one, keygen.galoisKey(sk, one), two, keygen.galoisKey(sk, two))));
        Evaluator host = device.hostOnly();
        double[] xs = new double[PARAMS.slots()];
        Arrays.setAll(xs, Math::sin);
        Ciphertext x = new Encryptor(PARAMS.ring(), Sampler.secure()).encrypt(
                new Encoder(PARAMS).encode(xs, PARAMS.maxLevel(), PARAMS.defaultScale()), keygen.publicKey(sk));
        Ciphertext expected = host.rotate(x, 1);
        assertThat(device.rotate(x, 2).isResident()).as("the accelerator and its scratch rows are on the device").isTrue();

        long ciphertextBytes = 2L * (PARAMS.maxLevel() + 1) * PARAMS.ring().n() * Long.BYTES;
        driver.limitTo(settledAllocation() + 3 * ciphertextBytes); // room for results, none for another key
        Ciphertext onCpu = device.rotate(x, 1);
        assertThat(onCpu.isResident()).as("a key with no room runs on the CPU").isFalse();
        assertSameRows(onCpu, expected);
        driver.limitTo(Long.MAX_VALUE);
        assertThat(device.rotate(x, 1).isResident()).as("a declined key is not tried again while it lives").isFalse();

        driver.limitTo(settledAllocation() + 3 * ciphertextBytes);
        Ciphertext last = null;
        for (int i = 0; i < 12; i++) last = device.rotate(x, 2); // each result dropped at once: a collection frees them
        assertThat(last.isResident()).as("room made by dropped results").isTrue();
        assertSameRows(last, host.rotate(x, 2));
    }

    @Test
    void plaintextsBeyondTheDevicesRoomAreEvictedLeastRecentlyUsedFirstAndUploadedAgain() throws InterruptedException {
        KeyGenerator keygen = new KeyGenerator(PARAMS.ring(), Sampler.secure());
        SecretKey sk = keygen.secretKey();
        long one = Galois.rotationElement(1, PARAMS.logN());
        Evaluator device = new Evaluator(PARAMS, new EvaluationKeys(Optional.empty(), Map.of(one, keygen.galoisKey(sk, one))));
        Evaluator host = device.hostOnly();
        Encoder encoder = new Encoder(PARAMS);
        java.util.Random random = new java.util.Random(11);
        double[] xs = new double[PARAMS.slots()];
        Arrays.setAll(xs, i -> random.nextDouble());
        Ciphertext encrypted = new Encryptor(PARAMS.ring(), Sampler.secure()).encrypt(encoder.encode(xs, PARAMS.maxLevel(), PARAMS.defaultScale()),
                keygen.publicKey(sk));
        Ciphertext x = device.rotate(encrypted, 1); // a result on the device: the products by plaintexts run there
        java.util.List<ai.based.fhe.rlwe.Plaintext> diagonals = new java.util.ArrayList<>(); // held: a collection frees none of them
        for (int i = 0; i < 24; i++) {
            Arrays.setAll(xs, j -> random.nextDouble() - 0.5);
            diagonals.add(encoder.encode(xs, PARAMS.maxLevel(), PARAMS.defaultScale()));
        }
        assertThat(device.mulPlain(x, diagonals.getFirst()).isResident()).as("products of a device operand on the device").isTrue();

        long plaintextBytes = (PARAMS.maxLevel() + 1L) * PARAMS.ring().n() * Long.BYTES;
        driver.limitTo(settledAllocation() + 10 * plaintextBytes + 3 * 2 * plaintextBytes); // 10 of the 24 and 3 results
        for (int round = 0; round < 2; round++) {
            for (ai.based.fhe.rlwe.Plaintext p : diagonals) assertSameRows(device.mulPlain(x, p), host.mulPlain(x, p));
        }
        java.util.List<ai.based.fhe.rlwe.Plaintext> eight = diagonals.subList(8, 16);
        java.util.List<Ciphertext> xs8 = java.util.Collections.nCopies(8, x);
        assertSameRows(device.mulPlainSum(xs8, eight), host.mulPlainSum(xs8, eight)); // one lookup's eight: none evicted for another
        assertThatThrownBy(() -> device.mulPlainSum(java.util.Collections.nCopies(diagonals.size(), x), diagonals))
                .as("more plaintexts at once than the device holds: refused, none of its own evicted").hasMessageContaining("no room");
        assertSameRows(device.mulPlainSum(xs8, eight), host.mulPlainSum(xs8, eight));
    }

    @Test
    void launchesWithAnArgumentOfTheWrongWidthOrWithFreedMemoryAreRefused() {
        CudaKernels kernels = GpuDevice.require();
        DeviceBuffer rows = new DeviceBuffer(64);
        try {
            assertThatThrownBy(() -> kernels.elementwise(kernels.addRows, 32, address(rows, 0), address(rows, 32), address(rows, 0), ints(97), ints(32)))
                    .hasMessageContaining("add_rows's argument 3 is not as wide as its parameter");
            assertThatThrownBy(() -> kernels.elementwise(kernels.addRows, 32, address(rows, 0), address(rows, 32), ints(32)))
                    .hasMessageContaining("add_rows was launched with 3 arguments");
        } finally {
            rows.free();
        }
        assertThatThrownBy(() -> kernels.elementwise(kernels.reduceLazy, 32, address(rows, 0), CudaKernels.longs(97), ints(32)))
                .hasMessageContaining("reduce_lazy's argument 0").hasMessageContaining("in no live allocation");
        assertThatThrownBy(rows::free).hasMessageContaining("freed twice");
    }

    /**
     * The emulated device's allocation once the results earlier tests dropped are freed (a collection, then the
     * cleaner's frees): otherwise the accelerator's own collect-and-retry would free them and make room the test
     * means not to be there.
     */
    private long settledAllocation() throws InterruptedException {
        long previous = -1;
        for (int i = 0; i < 50 && driver.allocatedBytes() != previous; i++) {
            previous = driver.allocatedBytes();
            System.gc();
            Thread.sleep(50);
        }
        return driver.allocatedBytes();
    }

    private static void assertSameRows(Ciphertext actual, Ciphertext expected) {
        assertThat(actual.level()).isEqualTo(expected.level());
        for (int d = 0; d <= expected.degree(); d++) {
            for (int i = 0; i <= expected.level(); i++) {
                assertThat(Arrays.mismatch(actual.readPoly(d)[i], expected.readPoly(d)[i])).as("component %d, row %d", d, i).isEqualTo(-1);
            }
        }
    }
}
