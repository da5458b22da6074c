package ai.based.gpu;

/**
 * What the gpu module asks of a CUDA device: memory, copies between it and the host, kernel launches and a wait for
 * them. {@link JcudaDriver} is the device itself, through JCuda's driver API. {@code -Dbased.gpu.driver} may name
 * another implementation in this package instead: the tests' host emulator runs the kernels' own CUDA C compiled for
 * the CPU, so that everything above this interface is exercised on machines without a device.
 *
 * <p>Launches and copies are ordered as on one stream: a launch sees every copy and launch before it, and a copy to
 * the host waits for them. Addresses are the device's, so that kernels can be handed tables of them.
 */
interface CudaDriver {
    /** One device allocation. */
    interface Memory {
        /** The device address of its first byte. */
        long address();
    }

    /** A kernel of a loaded module. */
    interface Kernel {}

    /** The kernels' modules: the PTX resources {@code <name>.ptx} next to this class, compiled from {@code <name>.cu}. */
    String CKKS_MODULE = "ckks_kernels";
    String RESIDENT_MODULE = "resident_kernels";

    String deviceName();

    /** Makes the device current on the calling thread; cheap once it is. */
    void bind();

    /** Throws {@link DeviceMemoryExhausted} when the device has no room. */
    Memory allocate(long bytes);

    void free(Memory memory);

    void upload(Memory target, long byteOffset, long[] source);

    void download(long[] target, Memory source, long byteOffset);

    void copy(Memory target, long targetByte, Memory source, long sourceByte, long bytes);

    /** Waits for every launch and copy before it. */
    void synchronize();

    /** The kernel {@code name} of {@code module} ({@link #CKKS_MODULE} or {@link #RESIDENT_MODULE}). */
    Kernel kernel(String module, String name);

    /** A launch of gridX x gridY x gridZ blocks of {@code threads} threads, its arguments as the kernel declares them. */
    void launch(Kernel kernel, int gridX, int gridY, int gridZ, int threads, KernelArgument... arguments);
}
