// The kernels' CUDA C compiled for the host (GpuKernelSourceOnHostTest): the execution-space keywords vanish, the
// index variables are globals a launcher sets, and the 64-bit multiply-high is a 128-bit product. Only grid-stride
// kernels (no shared memory, no barrier) run correctly here: the test launches each block as one thread, one block
// after another (blockIdx.x = 0, gridDim.x = blockDim.x = 1), which is one legal schedule of such a kernel.
#pragma once
#include <stddef.h>
#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(...)
struct host_dim3 { unsigned x, y, z; };
static host_dim3 threadIdx = {0, 0, 0}, blockIdx = {0, 0, 0}, blockDim = {1, 1, 1}, gridDim = {1, 1, 1};
static inline unsigned long long __umul64hi(unsigned long long a, unsigned long long b) {
    return (unsigned long long) (((unsigned __int128) a * b) >> 64);
}
// The block the next kernel call runs as.
extern "C" void host_block(int y, int z) {
    blockIdx.y = y;
    blockIdx.z = z;
}
// Enough for the shared-memory kernels to compile beside the others (they are never run here).
#define __shared__ static
static inline void __syncthreads() {}
static inline int __clz(int x) { return x == 0 ? 32 : __builtin_clz((unsigned) x); }
#include <string.h>
static inline long long __double_as_longlong(double x) { long long b; memcpy(&b, &x, sizeof b); return b; }
static inline double __longlong_as_double(long long b) { double x; memcpy(&x, &b, sizeof x); return x; }
