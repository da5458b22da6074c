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

    /** Why the AVX-512 kernels cannot run here, or null when they can (foundation and 64-bit lane multiply). */
    static String avx512Missing() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return "the JVM was started without --add-modules jdk.incubator.vector";
        Set<String> flags = cpuFlags();
        if (!flags.contains("avx512f") || !flags.contains("avx512dq")) return "the CPU has no AVX-512 F and DQ (/proc/cpuinfo)";
        return null;
    }

    /** Skips the calling test when the AVX-512 kernels cannot run, saying so on the test output. */
    static void assumeAvx512(String test) {
        String missing = avx512Missing();
        if (missing != null) System.out.println("SKIPPED on this machine: " + test + " on cpu-avx512: " + missing);
        Assumptions.assumeTrue(missing == null, missing);
    }

    /**
     * Every backend to check against the scalar kernels: each one ServiceLoader finds whose hardware is present
     * (the AVX-512 one also when -Dbased.ckks.backend=cpu keeps it from being selected), each other one named as
     * skipped on the test output.
     */
    static List<ComputeBackend> acceleratedBackends(String test) {
        List<ComputeBackend> backends = new ArrayList<>();
        for (ServiceLoader.Provider<ComputeBackend> provider : ServiceLoader.load(ComputeBackend.class).stream().toList()) {
            ComputeBackend backend = provider.get();
            if (backend instanceof CpuBackend) continue;
            boolean present = backend instanceof VectorBackend ? avx512Missing() == null : backend.available();
            if (present) {
                backends.add(backend);
            } else {
                System.out.println("SKIPPED on this machine: " + test + " on " + backend.name() + ": "
                        + (backend instanceof VectorBackend ? avx512Missing() : "not available"));
            }
        }
        return backends;
    }
}
