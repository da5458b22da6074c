package ai.based.gpu;

/**
 * A device allocation of 64-bit words that knows its address, so that kernels can be handed tables of addresses
 * (RowDescriptors).
 */
final class DeviceBuffer {
    private final CudaDriver driver;
    private final CudaDriver.Memory memory;
    private final long words;

    /** An allocation on the process's device; throws {@link DeviceMemoryExhausted} when it has no room. */
    DeviceBuffer(long words) {
        this(GpuDevice.require().driver(), words);
    }

    DeviceBuffer(CudaDriver driver, long words) {
        this.driver = driver;
        this.words = words;
        this.memory = driver.allocate(Math.max(1, words) * Long.BYTES);
    }

    /** A new allocation on the process's device holding a copy of {@code words}; nothing is left allocated if the copy fails. */
    static DeviceBuffer holding(long[] words) {
        DeviceBuffer b = new DeviceBuffer(words.length);
        try {
            b.upload(0, words);
        } catch (RuntimeException e) {
            b.free();
            throw e;
        }
        return b;
    }

    /** An allocation of {@code words} words, added to {@code owned} (what its owner frees on close or failure). */
    static DeviceBuffer allocated(java.util.List<DeviceBuffer> owned, long words) {
        DeviceBuffer b = new DeviceBuffer(words);
        owned.add(b);
        return b;
    }

    /** {@link #holding(long[])}, added to {@code owned}. */
    static DeviceBuffer holding(java.util.List<DeviceBuffer> owned, long[] words) {
        DeviceBuffer b = holding(words);
        owned.add(b);
        return b;
    }

    long words() {
        return words;
    }

    /** Device address of word {@code index}. */
    long address(long index) {
        return memory.address() + index * Long.BYTES;
    }

    void upload(long word, long[] source) {
        driver.upload(memory, word * Long.BYTES, source);
    }

    void download(long[] target, long word) {
        driver.download(target, memory, word * Long.BYTES);
    }

    /** Copies {@code count} words of {@code source} from {@code sourceWord} here at {@code word}, ordered with the launches. */
    void copyFrom(long word, DeviceBuffer source, long sourceWord, long count) {
        driver.copy(memory, word * Long.BYTES, source.memory, sourceWord * Long.BYTES, count * Long.BYTES);
    }

    void free() {
        driver.free(memory);
    }
}
