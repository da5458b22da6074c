package ai.based.fhe.compute;

import ai.based.fhe.ring.CpuBackend;

import java.util.Comparator;
import java.util.ServiceLoader;

/** Picks the available backend with the highest priority; the CPU backend when nothing else is present. */
public final class ComputeBackends {
    private static volatile ComputeBackend selected;

    private ComputeBackends() {}

    public static ComputeBackend selected() {
        ComputeBackend backend = selected;
        if (backend == null) {
            backend = ServiceLoader.load(ComputeBackend.class).stream()
                    .map(ServiceLoader.Provider::get)
                    .filter(ComputeBackend::available)
                    .max(Comparator.comparingInt(ComputeBackend::priority))
                    .orElseGet(CpuBackend::new);
            selected = backend;
        }
        return backend;
    }
}
