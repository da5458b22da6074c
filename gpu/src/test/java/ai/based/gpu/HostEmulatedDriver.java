package ai.based.gpu;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link CudaDriver} without a device, for the tests ({@code -Dbased.gpu.driver=ai.based.gpu.HostEmulatedDriver},
 * the gpu module's "emulated-device" test run): device memory is host memory, and each launch runs the kernel's own
 * CUDA C compiled for the host ({@link HostKernelLibrary}), a block's threads as fibers that meet at its barriers.
 * Everything above the driver (the accelerator, the evaluator, the key and plaintext holdings, the launch geometry
 * and every argument list) thus runs in CI. Stricter than a device where that finds bugs: a launch whose argument
 * count or widths are not the kernel's is refused, an address argument must lie in a live allocation, freed memory
 * is overwritten first, and a freed or foreign allocation cannot be freed. Launches run at once, one at a time, so
 * it cannot find a missing synchronisation; {@code -Dbased.gpu.emulator.bytes} caps its memory (default 16 GiB).
 */
final class HostEmulatedDriver implements CudaDriver {
    static final String CAPACITY_PROPERTY = "based.gpu.emulator.bytes";
    private static final byte POISON = (byte) 0xA5;

    private final Map<String, NativeLibrary> modules = new HashMap<>();
    /** Live allocations by address. */
    private final TreeMap<Long, Allocation> live = new TreeMap<>();
    private long capacity = Long.getLong(CAPACITY_PROPERTY, 16L << 30);
    private long allocated;

    HostEmulatedDriver() {
        modules.put(CKKS_MODULE, HostKernelLibrary.load(CKKS_MODULE));
        modules.put(RESIDENT_MODULE, HostKernelLibrary.load(RESIDENT_MODULE));
    }

    private record Allocation(Pointer memory, long bytes) implements Memory {
        @Override
        public long address() {
            return Pointer.nativeValue(memory);
        }
    }

    private record Kernel(String name, Function launcher) implements CudaDriver.Kernel {}

    /** Bytes allocated and not freed. */
    synchronized long allocatedBytes() {
        return allocated;
    }

    /** From now on, allocations beyond {@code bytes} in all fail as a full device's do. */
    synchronized void limitTo(long bytes) {
        capacity = bytes;
    }

    @Override
    public String deviceName() {
        return "host emulator";
    }

    @Override
    public void bind() {}

    @Override
    public synchronized Memory allocate(long bytes) {
        if (bytes <= 0) throw new IllegalArgumentException("an allocation of " + bytes + " bytes");
        if (allocated + bytes > capacity) throw new DeviceMemoryExhausted(bytes, null);
        long address = Native.malloc(bytes);
        if (address == 0) throw new DeviceMemoryExhausted(bytes, null);
        Allocation a = new Allocation(new Pointer(address), bytes);
        live.put(address, a);
        allocated += bytes;
        return a;
    }

    @Override
    public synchronized void free(Memory memory) {
        Allocation a = live.get(memory.address());
        if (a != memory) throw new IllegalStateException("freed twice, or not allocated here: " + Long.toHexString(memory.address()));
        live.remove(memory.address());
        a.memory().setMemory(0, a.bytes(), POISON);
        Native.free(a.address());
        allocated -= a.bytes();
    }

    @Override
    public synchronized void upload(Memory target, long byteOffset, long[] source) {
        checkRange(target, byteOffset, (long) source.length * Long.BYTES).memory().write(byteOffset, source, 0, source.length);
    }

    @Override
    public synchronized void download(long[] target, Memory source, long byteOffset) {
        checkRange(source, byteOffset, (long) target.length * Long.BYTES).memory().read(byteOffset, target, 0, target.length);
    }

    @Override
    public synchronized void copy(Memory target, long targetByte, Memory source, long sourceByte, long bytes) {
        Allocation to = checkRange(target, targetByte, bytes);
        Allocation from = checkRange(source, sourceByte, bytes);
        modules.get(CKKS_MODULE).getFunction("host_copy").invokeVoid(new Object[] {to.memory().share(targetByte), from.memory().share(sourceByte), bytes});
    }

    @Override
    public void synchronize() {}

    @Override
    public CudaDriver.Kernel kernel(String module, String name) {
        NativeLibrary library = modules.get(module);
        if (library == null) throw new IllegalArgumentException("no kernel module " + module);
        return new Kernel(name, library.getFunction("emulate_" + name));
    }

    @Override
    public synchronized void launch(CudaDriver.Kernel kernel, int gridX, int gridY, int gridZ, int threads, KernelArgument... arguments) {
        Kernel k = (Kernel) kernel;
        int count = arguments.length;
        com.sun.jna.Memory values = new com.sun.jna.Memory(8L * Math.max(1, count));
        com.sun.jna.Memory pointers = new com.sun.jna.Memory(8L * Math.max(1, count));
        com.sun.jna.Memory widths = new com.sun.jna.Memory(4L * Math.max(1, count));
        for (int i = 0; i < count; i++) {
            KernelArgument a = arguments[i];
            if (a.kind() == KernelArgument.Kind.ADDRESS) checkAddress(k, i, a.value());
            values.setLong(8L * i, a.value()); // an int is the word's low half, little-endian
            pointers.setPointer(8L * i, values.share(8L * i));
            widths.setInt(4L * i, a.wide() ? 8 : 4);
        }
        com.sun.jna.Memory grid = new com.sun.jna.Memory(12);
        grid.write(0, new int[] {gridX, gridY, gridZ}, 0, 3);
        com.sun.jna.Memory bad = new com.sun.jna.Memory(4);
        bad.setInt(0, -1);
        int status = k.launcher().invokeInt(new Object[] {grid, threads, pointers, widths, count, bad});
        switch (status) {
            case 0 -> { }
            case 1 -> throw new IllegalArgumentException(k.name() + " was launched with " + count + " arguments, not its own count");
            case 2 -> throw new IllegalArgumentException(k.name() + "'s argument " + bad.getInt(0) + " is not as wide as its parameter");
            case 3 -> throw new IllegalArgumentException(k.name() + " launched with a grid of " + gridX + " x " + gridY + " x " + gridZ
                    + " blocks of " + threads + " threads");
            default -> throw new IllegalStateException(k.name() + ": the emulator could not map its thread stacks (status " + status + ")");
        }
    }

    /** The live allocation that holds [address, address + bytes) of {@code memory}. */
    private Allocation checkRange(Memory memory, long byteOffset, long bytes) {
        Allocation a = live.get(memory.address());
        if (a != memory) throw new IllegalStateException("a copy with freed memory at " + Long.toHexString(memory.address()));
        if (byteOffset < 0 || bytes < 0 || byteOffset + bytes > a.bytes()) {
            throw new IndexOutOfBoundsException("bytes [" + byteOffset + ", " + (byteOffset + bytes) + ") of an allocation of " + a.bytes());
        }
        return a;
    }

    private void checkAddress(Kernel k, int index, long address) {
        Map.Entry<Long, Allocation> below = live.floorEntry(address);
        if (below == null || address > below.getKey() + below.getValue().bytes()) {
            throw new IllegalStateException(k.name() + "'s argument " + index + " (" + Long.toHexString(address) + ") is in no live allocation");
        }
    }
}
