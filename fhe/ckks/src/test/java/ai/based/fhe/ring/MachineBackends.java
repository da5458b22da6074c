package ai.based.fhe.ring;

import ai.based.fhe.compute.ComputeBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * What the machine offers the tests, found without asking the backends themselves: the CPU's flags from
 * /proc/cpuinfo and the JVM's modules. A backend a test cannot run is named on the test output (not a silent skip).
 */
final class MachineBackends {
    private MachineBackends() {}

    /** The CPU flags of the first processor in /proc/cpuinfo; empty where there is none (not Linux). */
    static Set<String> cpuFlags() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("flags"))
                    .findFirst()
                    .map(line -> Arrays.stream(line.substring(line.indexOf(':') + 1).trim().split("\\s+")).collect(Collectors.toSet()))
                    .orElse(Set.of());
        } catch (IOException e) {
            return Set.of();
        }
    }

    /** The JVM's -XX:UseAVX level (3 allows AVX-512, 2 stops at AVX2), or -1 where the JVM has no such flag. */
    static int jvmAvxLevel() {
        try {
            var diagnostics = java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return Integer.parseInt(diagnostics.getVMOption("UseAVX").getValue());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Why the AVX-512 kernels cannot run here, or null when they can (foundation and 64-bit lane multiply). */
    static String avx512Missing() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return "the JVM was started without --add-modules jdk.incubator.vector";
        Set<String> flags = cpuFlags();
        if (!flags.contains("avx512f") || !flags.contains("avx512dq")) return "the CPU has no AVX-512 F and DQ (/proc/cpuinfo)";
        int level = jvmAvxLevel();
        if (level >= 0 && level < 3) return "the JVM runs with -XX:UseAVX=" + level;
        return null;
    }

    /** Why the AVX2 kernels cannot run here, or null when they can. */
    static String avx2Missing() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return "the JVM was started without --add-modules jdk.incubator.vector";
        if (!cpuFlags().contains("avx2")) return "the CPU has no AVX2 (/proc/cpuinfo)";
        int level = jvmAvxLevel();
        if (level >= 0 && level < 2) return "the JVM runs with -XX:UseAVX=" + level;
        return null;
    }

    /** Skips the calling test when the AVX-512 kernels cannot run, saying so on the test output. */
    static void assumeAvx512(String test) {
        String missing = avx512Missing();
        if (missing != null) System.out.println("SKIPPED on this machine: " + test + " on cpu-avx512: " + missing);
        Assumptions.assumeTrue(missing == null, missing);
    }

    /** The backend ComputeBackends should select here, from the machine and -Dbased.ckks.backend. */
    static String expectedSelection() {
        String forced = System.getProperty("based.ckks.backend");
        // an accelerator from another jar (the gpu module) outranks the CPU backends when its device answers
        String accelerator = ServiceLoader.load(ComputeBackend.class).stream().map(ServiceLoader.Provider::get)
                .filter(backend -> !cpuKind(backend) && backend.available())
                .max(java.util.Comparator.comparingInt(ComputeBackend::priority)).map(ComputeBackend::name).orElse(null);
        if (accelerator != null) return accelerator;
        if (avx512Missing() == null && !"cpu".equals(forced) && !"cpu-avx2".equals(forced)) return "cpu-avx512";
        if (avx2Missing() == null && !"cpu".equals(forced) && !"cpu-avx512".equals(forced)) return "cpu-avx2";
        return "cpu";
    }

    private static boolean cpuKind(ComputeBackend backend) {
        return backend instanceof CpuBackend || backend instanceof VectorBackend || backend instanceof Avx2Backend;
    }

    /** Why a backend cannot run on this machine, or null when it can (the CPU ones whichever one is selected). */
    private static String missing(ComputeBackend backend) {
        if (backend instanceof VectorBackend) return avx512Missing();
        if (backend instanceof Avx2Backend) return avx2Missing();
        return backend.available() ? null : "not available (no device, no driver, or -Dbased.ckks.backend names another)";
    }

    /**
     * Every backend to check against the scalar kernels: each one ServiceLoader finds whose hardware is present
     * (the vector ones also when -Dbased.ckks.backend keeps them from being selected), each other one named as
     * skipped on the test output.
     */
    static List<ComputeBackend> acceleratedBackends(String test) {
        List<ComputeBackend> backends = new ArrayList<>();
        for (ServiceLoader.Provider<ComputeBackend> provider : ServiceLoader.load(ComputeBackend.class).stream().toList()) {
            ComputeBackend backend = provider.get();
            if (backend instanceof CpuBackend) continue;
            String missing = missing(backend);
            if (missing == null) {
                backends.add(backend);
            } else {
                System.out.println("SKIPPED on this machine: " + test + " on " + backend.name() + ": " + missing);
            }
        }
        System.out.println(test + " checks " + backends.stream().map(ComputeBackend::name).toList() + " against cpu"
                + " (cpu-avx2 runs " + new java.util.TreeSet<>(Avx2Backend.VECTORISED) + " on vectors, the rest scalar)");
        if (ServiceLoader.load(ComputeBackend.class).stream().allMatch(provider -> cpuKind(provider.get()))) {
            System.out.println("SKIPPED on this machine: " + test + " on gpu: the gpu module's jar is not on the class path"
                    + " (its device check runs this suite with it)");
        }
        return backends;
    }
}
