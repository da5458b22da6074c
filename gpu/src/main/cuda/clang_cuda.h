// What nvcc's headers give CUDA C, for clang's CUDA front end without the CUDA toolkit (gpu/scripts/build-ptx.sh
// includes it with -nocudainc): the execution-space attributes, the built-in index variables, and the intrinsics the
// kernels use, mapped to NVPTX builtins.
#pragma once
#define __global__ __attribute__((global))
#define __device__ __attribute__((device))
#define __shared__ __attribute__((shared))
#define __forceinline__ __inline__ __attribute__((always_inline))
#define __launch_bounds__(...) __attribute__((launch_bounds(__VA_ARGS__)))
#include "__clang_cuda_builtin_vars.h"
typedef __SIZE_TYPE__ size_t;
static __device__ __forceinline__ unsigned long long __umul64hi(unsigned long long a, unsigned long long b) { return __nvvm_mulhi_ull(a, b); }
static __device__ __forceinline__ int __clz(int x) { return x == 0 ? 32 : __builtin_clz((unsigned) x); }
static __device__ __forceinline__ long long __double_as_longlong(double x) { return __nvvm_bitcast_d2ll(x); }
static __device__ __forceinline__ double __longlong_as_double(long long x) { return __nvvm_bitcast_ll2d(x); }
