package ai.based.fhe.ckks.ring;


/**
 * The compute SPI: the hot kernels of the library, behind a service interface so that an accelerator (the gpu module, found at run
 * time through ServiceLoader) can take them over. The CPU implementation is the default and the fallback.
 */
public interface ComputeBackend {
    /** A short name for logs and benchmarks. */
    String name();

    /** False when the hardware or driver this backend needs is absent; it is then skipped. */
    boolean available();

    /** Higher wins among available backends; the CPU backend has 0. */
    int priority();

    void forwardNtt(Ntt tables, long[] row);

    void inverseNtt(Ntt tables, long[] row);
}
