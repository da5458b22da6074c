package ai.based.gpu;

import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.compute.ComputeBackends;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loader's choice: ServiceLoader finds the GPU backend; without a device or driver (CI) it is unavailable with a
 * reason and a CPU backend is selected; with one, the GPU wins.
 */
class GpuSelectionTest {
    @Test
    void serviceLoaderFindsTheGpuBackend() {
        assertThat(ServiceLoader.load(ComputeBackend.class).stream().map(p -> p.type().getName()))
                .contains(GpuBackend.class.getName());
    }

    @Test
    void theGpuIsSelectedExactlyWhenItIsAvailableAndOtherwiseSaysWhy() {
        GpuBackend gpu = new GpuBackend();
        ComputeBackend selected = ComputeBackends.selected();
        if (gpu.available()) {
            assertThat(gpu.unavailableReason()).isNull();
            assertThat(selected.name()).isEqualTo("gpu");
        } else {
            assertThat(gpu.unavailableReason()).isNotBlank();
            assertThat(selected.name()).startsWith("cpu");
        }
    }

    @Test
    void anotherBackendNamedInThePropertyTurnsTheGpuOff() {
        String before = System.getProperty(GpuDevice.PROPERTY);
        System.setProperty(GpuDevice.PROPERTY, "cpu");
        try {
            GpuBackend gpu = new GpuBackend();
            assertThat(gpu.available()).isFalse();
            assertThat(gpu.unavailableReason()).contains("based.ckks.backend=cpu");
        } finally {
            if (before == null) System.clearProperty(GpuDevice.PROPERTY);
            else System.setProperty(GpuDevice.PROPERTY, before);
        }
    }

    @Test
    void theReasonIsOneLineNamingTheMissingDriver() {
        String jcudaReport = "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\nOperating system name: Linux\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver.so: libcuda.so.1: cannot open shared object file: No such file or directory\n";
        assertThat(GpuDevice.essence(jcudaReport)).isEqualTo("libcuda.so.1: cannot open shared object file: No such file or directory");
        assertThat(GpuDevice.essence("CUDA_ERROR_NO_DEVICE\nmore")).isEqualTo("CUDA_ERROR_NO_DEVICE");
        GpuBackend gpu = new GpuBackend();
        if (!gpu.available()) assertThat(gpu.unavailableReason()).doesNotContain("\n");
    }

    @Test
    void gpuOutranksTheCpuBackends() {
        int gpu = new GpuBackend().priority();
        assertThat(gpu).isGreaterThan(new ai.based.fhe.ring.VectorBackend().priority())
                .isGreaterThan(new ai.based.fhe.ring.Avx2Backend().priority())
                .isGreaterThan(new ai.based.fhe.ring.CpuBackend().priority());
    }
}
