package ai.based.gpu;

import ai.based.gpu.CudaDriver.Kernel;

import static ai.based.gpu.CudaDriver.CKKS_MODULE;
import static ai.based.gpu.CudaDriver.RESIDENT_MODULE;

/**
 * The kernels of {@code ckks_kernels.cu} and {@code resident_kernels.cu} on one {@link CudaDriver}, with thin typed
 * launchers for them.
 */
final class CudaKernels {
    /** Threads per block of the element-wise kernels. */
    private static final int ELEMENTWISE_THREADS = 256;

    private final CudaDriver driver;
    private final Kernel forwardHead;
    private final Kernel forwardTail;
    private final Kernel inverseHead;
    private final Kernel inverseTail;
    final Kernel mulAccumulateLazy;
    final Kernel reduceLazy;
    final Kernel liftCentered;
    final Kernel addRows;
    final Kernel subRows;
    final Kernel subtractAndScale;
    final Kernel tensorProduct;
    final Kernel modUpDiagonal;
    final Kernel innerProduct;
    final Kernel modUpConvert;
    final Kernel modDownFinish;
    final Kernel permuteRows;
    final Kernel rescaleFinish;
    final Kernel addCiphertexts;
    final Kernel subCiphertexts;
    final Kernel mulPlain;
    final Kernel mulPlainAdd;
    final Kernel mulPlainSum;
    final Kernel mulConstRows;
    final Kernel addConstRows;
    final Kernel extendRows;
    final Kernel divideConvert;
    final Kernel divideFinish;

    CudaKernels(CudaDriver driver) {
        this.driver = driver;
        forwardHead = driver.kernel(CKKS_MODULE, "ntt_forward_head");
        forwardTail = driver.kernel(CKKS_MODULE, "ntt_forward_tail");
        inverseHead = driver.kernel(CKKS_MODULE, "ntt_inverse_head");
        inverseTail = driver.kernel(CKKS_MODULE, "ntt_inverse_tail");
        mulAccumulateLazy = driver.kernel(CKKS_MODULE, "mul_accumulate_lazy");
        reduceLazy = driver.kernel(CKKS_MODULE, "reduce_lazy");
        liftCentered = driver.kernel(CKKS_MODULE, "lift_centered");
        addRows = driver.kernel(CKKS_MODULE, "add_rows");
        subRows = driver.kernel(CKKS_MODULE, "sub_rows");
        subtractAndScale = driver.kernel(CKKS_MODULE, "subtract_and_scale");
        tensorProduct = driver.kernel(CKKS_MODULE, "tensor_product");
        modUpDiagonal = driver.kernel(CKKS_MODULE, "mod_up_diagonal");
        innerProduct = driver.kernel(CKKS_MODULE, "inner_product");
        modUpConvert = driver.kernel(CKKS_MODULE, "mod_up_convert");
        modDownFinish = driver.kernel(CKKS_MODULE, "mod_down_finish");
        permuteRows = driver.kernel(CKKS_MODULE, "permute_rows");
        rescaleFinish = driver.kernel(CKKS_MODULE, "rescale_finish");
        addCiphertexts = driver.kernel(RESIDENT_MODULE, "add_ciphertexts");
        subCiphertexts = driver.kernel(RESIDENT_MODULE, "sub_ciphertexts");
        mulPlain = driver.kernel(RESIDENT_MODULE, "mul_plain");
        mulPlainAdd = driver.kernel(RESIDENT_MODULE, "mul_plain_add");
        mulPlainSum = driver.kernel(RESIDENT_MODULE, "mul_plain_sum");
        mulConstRows = driver.kernel(RESIDENT_MODULE, "mul_const_rows");
        addConstRows = driver.kernel(RESIDENT_MODULE, "add_const_rows");
        extendRows = driver.kernel(RESIDENT_MODULE, "extend_rows");
        divideConvert = driver.kernel(RESIDENT_MODULE, "divide_convert");
        divideFinish = driver.kernel(RESIDENT_MODULE, "divide_finish");
    }

    CudaDriver driver() {
        return driver;
    }

    String deviceName() {
        return driver.deviceName();
    }

    /** Makes the device current on the calling thread. */
    void bind() {
        driver.bind();
    }

    /** Waits for every launch and copy queued before it. */
    void synchronize() {
        driver.synchronize();
    }

    // ---- memory ----

    static void upload(DeviceBuffer target, long wordOffset, long[] source) {
        target.upload(wordOffset, source);
    }

    static void download(long[] target, DeviceBuffer source, long wordOffset) {
        source.download(target, wordOffset);
    }

    /** Device-to-device copy, ordered with the launches. */
    static void copy(DeviceBuffer target, long targetWord, DeviceBuffer source, long sourceWord, long words) {
        target.copyFrom(targetWord, source, sourceWord, words);
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
    void elementwise(Kernel f, int n, KernelArgument... parameters) {
        int blocks = Math.min((n + ELEMENTWISE_THREADS - 1) / ELEMENTWISE_THREADS, 65535);
        launch(f, blocks, 1, ELEMENTWISE_THREADS, parameters);
    }

    /**
     * A kernel over {@code rows} rows of n words each (blockIdx.y the row, blockIdx.z one of {@code planes}), the
     * words of a row spread over blocks of ELEMENTWISE_THREADS threads.
     */
    void rowwise(Kernel f, int n, int rows, int planes, KernelArgument... parameters) {
        int blocks = Math.max(1, Math.min((n + ELEMENTWISE_THREADS - 1) / ELEMENTWISE_THREADS, 65535));
        driver.launch(f, blocks, rows, planes, ELEMENTWISE_THREADS, parameters);
    }

    private void launch(Kernel f, int gridX, int gridY, int threads, KernelArgument... parameters) {
        driver.launch(f, gridX, gridY, 1, threads, parameters);
    }

    /** A kernel's pointer parameter: the device address of word {@code word} of {@code buffer}. */
    static KernelArgument address(DeviceBuffer buffer, long word) {
        return KernelArgument.address(buffer.address(word));
    }

    /** A kernel's pointer parameter given as a device address, 0 for none (the kernel then reads nothing there). */
    static KernelArgument pointer(long address) {
        return address == 0 ? KernelArgument.word(0) : KernelArgument.address(address);
    }

    static KernelArgument ints(int value) {
        return KernelArgument.int32(value);
    }

    static KernelArgument longs(long value) {
        return KernelArgument.word(value);
    }
}
