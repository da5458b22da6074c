// The element-wise operations of ai.based.gpu.DeviceAccelerator on whole ciphertexts in device memory: additions,
// subtractions, plaintext products and their sums. One launch covers every row of every polynomial: blockIdx.y is
// the row (prime q_t, t = 0..rows-1), blockIdx.z the polynomial; a ciphertext's rows lie [poly][row][N] back to back
// (DeviceCiphertext), a plaintext's [row][N]. Results are fully reduced residues, the CPU's PolyMath results.
//
// Compiled to PTX for sm_75 by gpu/scripts/build-ptx.sh (nvcc, or clang's CUDA front end where no nvcc is), and
// compiled for the host by GpuKernelSourceOnHostTest, which runs these kernels against the CPU's arithmetic.
#include "modular.cuh"

#define GRID_STRIDE(i, n) for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += gridDim.x * blockDim.x)

// The word offset of row blockIdx.y of polynomial blockIdx.z.
__device__ __forceinline__ size_t row_offset(int rows, int n) {
    return ((size_t) blockIdx.z * rows + blockIdx.y) * n;
}

extern "C" __global__ void add_ciphertexts(const u64* a, const u64* b, u64* out, const ModParams* mods, int rows, int n) {
    const size_t off = row_offset(rows, n);
    const u64 q = mods[blockIdx.y].q;
    GRID_STRIDE(i, n) out[off + i] = add_mod(a[off + i], b[off + i], q);
}

extern "C" __global__ void sub_ciphertexts(const u64* a, const u64* b, u64* out, const ModParams* mods, int rows, int n) {
    const size_t off = row_offset(rows, n);
    const u64 q = mods[blockIdx.y].q;
    GRID_STRIDE(i, n) out[off + i] = sub_mod(a[off + i], b[off + i], q);
}

// out[d][t] = a[d][t] p[t] mod q_t
extern "C" __global__ void mul_plain(const u64* a, const u64* p, u64* out, const ModParams* mods, int rows, int n) {
    const size_t off = row_offset(rows, n);
    const u64* plain = p + (size_t) blockIdx.y * n;
    const ModParams m = mods[blockIdx.y];
    GRID_STRIDE(i, n) out[off + i] = mul_mod(a[off + i], plain[i], m);
}

// acc[d][t] += a[d][t] p[t] mod q_t
extern "C" __global__ void mul_plain_add(const u64* a, const u64* p, u64* acc, const ModParams* mods, int rows, int n) {
    const size_t off = row_offset(rows, n);
    const u64* plain = p + (size_t) blockIdx.y * n;
    const ModParams m = mods[blockIdx.y];
    GRID_STRIDE(i, n) acc[off + i] = add_mod(acc[off + i], mul_mod(a[off + i], plain[i], m), m.q);
}
