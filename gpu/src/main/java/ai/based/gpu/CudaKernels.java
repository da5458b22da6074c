package ai.based.gpu;

import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoD;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;

/**
 * Device 0's primary context with the modules of {@code ckks_kernels.ptx} and {@code resident_kernels.ptx} loaded, and
 * thin typed launchers for their kernels. The primary context (not cuCtxCreate, whose signature CUDA 13 changed) is made current on each calling
 * thread before use. Launches go to the legacy default stream, so a following copy to the host waits for them.
 */
final class CudaKernels {
    static final String PTX_RESOURCE = "ckks_kernels.ptx";
    static final String RESIDENT_PTX_RESOURCE = "resident_kernels.ptx";
    /** Threads per block of the element-wise kernels. */
    private static final int ELEMENTWISE_THREADS = 256;

    private final CUcontext context;
    private final String deviceName;
    private final ThreadLocal<Boolean> current = ThreadLocal.withInitial(() -> false);
    private final CUfunction forwardHead;
    private final CUfunction forwardTail;
    private final CUfunction inverseHead;
    private final CUfunction inverseTail;
    final CUfunction mulAccumulateLazy;
    final CUfunction reduceLazy;
    final CUfunction liftCentered;
    final CUfunction addRows;
    final CUfunction subRows;
    final CUfunction subtractAndScale;
    final CUfunction tensorProduct;
    final CUfunction modUpDiagonal;
    final CUfunction innerProduct;
    final CUfunction modDownConvert;
    final CUfunction modDownFinish;
    final CUfunction permuteRows;
    final CUfunction rescaleFinish;
    final CUfunction addCiphertexts;
    final CUfunction subCiphertexts;
    final CUfunction mulPlain;
    final CUfunction mulPlainAdd;
    final CUfunction mulPlainSum;
    final CUfunction mulConstRows;
    final CUfunction addConstRows;
    final CUfunction extendRows;
    final CUfunction divideConvert;
    final CUfunction divideFinish;

    private CudaKernels(CUcontext context, String deviceName, CUmodule module, CUmodule resident) {
        this.context = context;
        this.deviceName = deviceName;
        forwardHead = function(module, "ntt_forward_head");
        forwardTail = function(module, "ntt_forward_tail");
        inverseHead = function(module, "ntt_inverse_head");
        inverseTail = function(module, "ntt_inverse_tail");
        mulAccumulateLazy = function(module, "mul_accumulate_lazy");
        reduceLazy = function(module, "reduce_lazy");
        liftCentered = function(module, "lift_centered");
        addRows = function(module, "add_rows");
        subRows = function(module, "sub_rows");
        subtractAndScale = function(module, "subtract_and_scale");
        tensorProduct = function(module, "tensor_product");
        modUpDiagonal = function(module, "mod_up_diagonal");
        innerProduct = function(module, "inner_product");
        modDownConvert = function(module, "mod_down_convert");
        modDownFinish = function(module, "mod_down_finish");
        permuteRows = function(module, "permute_rows");
        rescaleFinish = function(module, "rescale_finish");
        addCiphertexts = function(resident, "add_ciphertexts");
        subCiphertexts = function(resident, "sub_ciphertexts");
        mulPlain = function(resident, "mul_plain");
        mulPlainAdd = function(resident, "mul_plain_add");
        mulPlainSum = function(resident, "mul_plain_sum");
        mulConstRows = function(resident, "mul_const_rows");
        addConstRows = function(resident, "add_const_rows");
        extendRows = function(resident, "extend_rows");
        divideConvert = function(resident, "divide_convert");
        divideFinish = function(resident, "divide_finish");
    }

    /**
     * Loads the driver binding, retains device 0's primary context and loads the kernels. Throws (a
     * LinkageError when libcuda.so.1 is missing, a CudaException from the driver otherwise) when any step fails.
     */
    static CudaKernels open() {
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
        CUmodule module = new CUmodule();
        cuModuleLoadData(module, ptx(PTX_RESOURCE));
        CUmodule resident = new CUmodule();
        cuModuleLoadData(resident, ptx(RESIDENT_PTX_RESOURCE));
        String deviceName = new String(name, 0, indexOfZero(name)).trim();
        CudaKernels kernels = new CudaKernels(context, deviceName, module, resident);
        kernels.current.set(true);
        return kernels;
    }

    String deviceName() {
        return deviceName;
    }

    /** The PTX text of {@code resource}, zero-terminated as cuModuleLoadData wants it. */
    static byte[] ptx(String resource) {
        try (InputStream in = CudaKernels.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the gpu module's jar");
            byte[] text = in.readAllBytes();
            byte[] terminated = new byte[text.length + 1];
            System.arraycopy(text, 0, terminated, 0, text.length);
            return terminated;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes the context current on the calling thread (once per thread). */
    void bind() {
        if (!current.get()) {
            cuCtxSetCurrent(context);
            current.set(true);
        }
    }

    // ---- memory ----

    static void upload(CUdeviceptr target, long wordOffset, long[] source) {
        cuMemcpyHtoD(target.withByteOffset(wordOffset * Sizeof.LONG), Pointer.to(source), (long) source.length * Sizeof.LONG);
    }

    static void download(long[] target, CUdeviceptr source, long wordOffset) {
        cuMemcpyDtoH(Pointer.to(target), source.withByteOffset(wordOffset * Sizeof.LONG), (long) target.length * Sizeof.LONG);
    }

    /** Device-to-device copy, ordered with the launches of the default stream. */
    static void copy(DeviceBuffer target, long targetWord, DeviceBuffer source, long sourceWord, long words) {
        cuMemcpyDtoD(target.at(targetWord), source.at(sourceWord), words * Sizeof.LONG);
    }

    static void synchronize() {
        cuCtxSynchronize();
    }

    // ---- launches ----

    /** Forward NTTs of {@code rows} rows described at {@code descriptors} (RowDescriptors), all of ring degree 2^logN. */
    void forwardNtt(NttPlan plan, DeviceBuffer descriptors, int rows) {
        if (!plan.singlePass()) {
            launch(forwardHead, plan.blocksPerRow(), rows, plan.threads(),
                    address(descriptors, 0), ints(plan.logN()), ints(plan.logR()), ints(plan.width()));
        }
        launch(forwardTail, plan.blocksPerRow(), rows, plan.threads(),
                address(descriptors, 0), ints(plan.logN()), ints(plan.logT()), ints(plan.width()));
    }

    void inverseNtt(NttPlan plan, DeviceBuffer descriptors, int rows) {
        launch(inverseTail, plan.blocksPerRow(), rows, plan.threads(),
                address(descriptors, 0), ints(plan.logN()), ints(plan.logT()), ints(plan.width()),
                ints(plan.singlePass() ? 1 : 0));
        if (!plan.singlePass()) {
            launch(inverseHead, plan.blocksPerRow(), rows, plan.threads(),
                    address(descriptors, 0), ints(plan.logN()), ints(plan.logR()), ints(plan.width()));
        }
    }

    /** An element-wise kernel over n words; its parameters as the kernel declares them. */
    void elementwise(CUfunction f, int n, Pointer... parameters) {
        int blocks = Math.min((n + ELEMENTWISE_THREADS - 1) / ELEMENTWISE_THREADS, 65535);
        launch(f, blocks, 1, ELEMENTWISE_THREADS, parameters);
    }

    /**
     * A kernel over {@code rows} rows of n words each (blockIdx.y the row, blockIdx.z one of {@code planes}), the
     * words of a row spread over blocks of ELEMENTWISE_THREADS threads.
     */
    void rowwise(CUfunction f, int n, int rows, int planes, Pointer... parameters) {
        int blocks = Math.max(1, Math.min((n + ELEMENTWISE_THREADS - 1) / ELEMENTWISE_THREADS, 65535));
        cuLaunchKernel(f, blocks, rows, planes, ELEMENTWISE_THREADS, 1, 1, 0, null, Pointer.to(parameters), null);
    }

    private static void launch(CUfunction f, int gridX, int gridY, int threads, Pointer... parameters) {
        cuLaunchKernel(f, gridX, gridY, 1, threads, 1, 1, 0, null, Pointer.to(parameters), null);
    }

    /** A kernel's pointer parameter: the device address of word {@code word} of {@code buffer}. */
    static Pointer address(DeviceBuffer buffer, long word) {
        return Pointer.to(new long[] {buffer.address(word)});
    }

    static Pointer ints(int value) {
        return Pointer.to(new int[] {value});
    }

    static Pointer longs(long value) {
        return Pointer.to(new long[] {value});
    }

    private static CUfunction function(CUmodule module, String name) {
        CUfunction f = new CUfunction();
        cuModuleGetFunction(f, module, name);
        return f;
    }

    private static int indexOfZero(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == 0) return i;
        return bytes.length;
    }
}
