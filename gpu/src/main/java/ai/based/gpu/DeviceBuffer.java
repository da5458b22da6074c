package ai.based.gpu;

import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;

/**
 * A device allocation of 64-bit words that knows its address, so that kernels can be handed tables of addresses
 * (RowDescriptors); JCuda keeps the address of a CUdeviceptr to itself.
 */
final class DeviceBuffer extends CUdeviceptr {
    private final long words;

    DeviceBuffer(long words) {
        this.words = words;
        cuMemAlloc(this, Math.max(1, words) * Sizeof.LONG);
    }

    long words() {
        return words;
    }

    /** Device address of word {@code index}. */
    long address(long index) {
        return getNativePointer() + index * Sizeof.LONG;
    }

    CUdeviceptr at(long index) {
        return withByteOffset(index * Sizeof.LONG);
    }

    void free() {
        cuMemFree(this);
    }
}
