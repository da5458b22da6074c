package ai.based.gpu;

/**
 * Whether this process can use a CUDA device, decided once: the kernels when it can, else the reason why not,
 * printed once to stderr. The probe is skipped (silently) when {@code -Dbased.ckks.backend} names another backend.
 */
final class GpuDevice {
    static final String PROPERTY = "based.ckks.backend";
    static final String NAME = "gpu";
    static final String DRIVER_PROPERTY = "based.gpu.driver";

    private GpuDevice() {}

    /** True when the property leaves the choice open or asks for the GPU. */
    static boolean wanted() {
        String choice = System.getProperty(PROPERTY);
        return choice == null || choice.isBlank() || NAME.equals(choice);
    }

    /** The device's kernels, or null with {@link #reason()} saying why. */
    static CudaKernels kernels() {
        return Probe.KERNELS;
    }

    /** The kernels, bound to the calling thread; throws with the reason when there is no device. */
    static CudaKernels require() {
        CudaKernels k = Probe.KERNELS;
        if (k == null) throw new IllegalStateException("no GPU: " + Probe.REASON);
        k.bind();
        return k;
    }

    /**
     * The CUDA driver through JCuda, or the {@link CudaDriver} class of this package that {@code -Dbased.gpu.driver}
     * names (the tests' host emulator).
     */
    private static CudaDriver driver() throws ReflectiveOperationException {
        String substitute = System.getProperty(DRIVER_PROPERTY);
        if (substitute == null || substitute.isBlank()) return JcudaDriver.open();
        Class<?> type = Class.forName(substitute.strip());
        if (!CudaDriver.class.isAssignableFrom(type) || type.getPackage() != CudaDriver.class.getPackage()) {
            throw new ClassCastException(substitute + " is not a CudaDriver of " + CudaDriver.class.getPackageName());
        }
        return (CudaDriver) type.getDeclaredConstructor().newInstance();
    }

    static String reason() {
        return Probe.REASON;
    }

    private static final class Probe {
        static final CudaKernels KERNELS;
        static final String REASON;

        static {
            CudaKernels kernels = null;
            String reason = null;
            try {
                kernels = new CudaKernels(driver());
            } catch (LinkageError e) {
                reason = "JCuda's driver binding did not load: " + essence(e.getMessage());
            } catch (ReflectiveOperationException | ClassCastException e) {
                reason = "-D" + DRIVER_PROPERTY + " names no driver of this module (" + e + ")";
            } catch (RuntimeException e) {
                reason = "the CUDA driver refused: " + essence(e.getMessage());
            }
            KERNELS = kernels;
            REASON = reason;
            if (reason != null) {
                System.err.println("based.ckks: no GPU backend (" + reason + "); the CPU backend runs");
            }
        }
    }

    /**
     * One line out of JCuda's many-line loader report: the dynamic linker's complaint when there is one (typically
     * "libcuda.so.1: cannot open shared object file"), else the first line.
     */
    static String essence(String message) {
        if (message == null || message.isBlank()) return "no detail given";
        String[] lines = message.split("\\R");
        for (String line : lines) {
            int at = line.indexOf("libcuda");
            if (at >= 0 && line.contains("cannot open")) return line.substring(at).trim();
        }
        return lines[0].trim();
    }
}
