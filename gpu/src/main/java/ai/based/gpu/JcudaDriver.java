package ai.based.gpu;

import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

/**
 * Device 0 through JCuda's driver API: its primary context (not cuCtxCreate, whose signature CUDA 13 changed), made
 * current on each calling thread before use, with the modules' PTX loaded (the driver compiles it for the device).
 * Launches go to the legacy default stream, so a following copy to the host waits for them.
 */
final class JcudaDriver implements CudaDriver {
    private final CUcontext context;
    private final String deviceName;
    private final Map<String, CUmodule> modules;
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> false);

    private JcudaDriver(CUcontext context, String deviceName, Map<String, CUmodule> modules) {
        this.context = context;
        this.deviceName = deviceName;
        this.modules = modules;
    }

    /**
     * Loads the driver binding, retains device 0's primary context and loads the modules. Throws (a LinkageError when
     * libcuda.so.1 is missing, a CudaException from the driver otherwise) when any step fails.
     */
    static JcudaDriver open() {
        JCudaDriver.setExceptionsEnabled(true);
        cuInit(0);
        int[] count = {0};
        cuDeviceGetCount(count);
        if (count[0] == 0) throw new IllegalStateException("the CUDA driver reports no device");
        CUdevice device = new CUdevice();
        cuDeviceGet(device, 0);
        byte[] name = new byte[256];
        cuDeviceGetName(name, name.length, device);
        CUcontext context = new CUcontext();
        cuDevicePrimaryCtxRetain(context, device);
        cuCtxSetCurrent(context);
        CUmodule ckks = new CUmodule();
        cuModuleLoadData(ckks, ptx(CKKS_MODULE + ".ptx"));
        CUmodule resident = new CUmodule();
        cuModuleLoadData(resident, ptx(RESIDENT_MODULE + ".ptx"));
        JcudaDriver driver = new JcudaDriver(context, new String(name, 0, indexOfZero(name)).trim(),
                Map.of(CKKS_MODULE, ckks, RESIDENT_MODULE, resident));
        driver.current.set(true);
        return driver;
    }

    /** The PTX text of {@code resource}, zero-terminated as cuModuleLoadData wants it. */
    static byte[] ptx(String resource) {
        try (InputStream in = JcudaDriver.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the gpu module's jar");
            byte[] text = in.readAllBytes();
            byte[] terminated = new byte[text.length + 1];
            System.arraycopy(text, 0, terminated, 0, text.length);
            return terminated;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String deviceName() {
        return deviceName;
    }

    @Override
    public void bind() {
        if (!current.get()) {
            cuCtxSetCurrent(context);
            current.set(true);
        }
    }

    @Override
    public Memory allocate(long bytes) {
        Allocation allocation = new Allocation();
        try {
            cuMemAlloc(allocation, bytes);
        } catch (CudaException e) {
            if (e.getMessage() != null && e.getMessage().contains(CUresult.stringFor(CUresult.CUDA_ERROR_OUT_OF_MEMORY))) {
                throw new DeviceMemoryExhausted(bytes, e);
            }
            throw e;
        }
        return allocation;
    }

    @Override
    public void free(Memory memory) {
        cuMemFree(pointer(memory));
    }

    @Override
    public void upload(Memory target, long byteOffset, long[] source) {
        cuMemcpyHtoD(pointer(target).withByteOffset(byteOffset), Pointer.to(source), (long) source.length * Long.BYTES);
    }

    @Override
    public void download(long[] target, Memory source, long byteOffset) {
        cuMemcpyDtoH(Pointer.to(target), pointer(source).withByteOffset(byteOffset), (long) target.length * Long.BYTES);
    }

    @Override
    public void copy(Memory target, long targetByte, Memory source, long sourceByte, long bytes) {
        cuMemcpyDtoD(pointer(target).withByteOffset(targetByte), pointer(source).withByteOffset(sourceByte), bytes);
    }

    @Override
    public void synchronize() {
        cuCtxSynchronize();
    }

    @Override
    public Kernel kernel(String module, String name) {
        CUmodule loaded = modules.get(module);
        if (loaded == null) throw new IllegalArgumentException("no kernel module " + module);
        Function f = new Function();
        cuModuleGetFunction(f, loaded, name);
        return f;
    }

    @Override
    public void launch(Kernel kernel, int gridX, int gridY, int gridZ, int threads, KernelArgument... arguments) {
        Pointer[] parameters = new Pointer[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            KernelArgument a = arguments[i];
            parameters[i] = a.wide() ? Pointer.to(new long[] {a.value()}) : Pointer.to(new int[] {(int) a.value()});
        }
        cuLaunchKernel((Function) kernel, gridX, gridY, gridZ, threads, 1, 1, 0, null, Pointer.to(parameters), null);
    }

    private static CUdeviceptr pointer(Memory memory) {
        return (Allocation) memory;
    }

    /** A cuMemAlloc'd pointer that tells its address (JCuda keeps a CUdeviceptr's address to subclasses). */
    private static final class Allocation extends CUdeviceptr implements Memory {
        @Override
        public long address() {
            return getNativePointer();
        }
    }

    private static final class Function extends CUfunction implements Kernel {}

    private static int indexOfZero(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == 0) return i;
        return bytes.length;
    }
}
