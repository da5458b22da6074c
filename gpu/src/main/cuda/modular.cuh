// Modular arithmetic shared by the device-resident kernels: primes q < 2^61, 64-bit residues, Barrett reduction of
// 128-bit products with a ModParams table in device memory (written by ai.based.gpu.DeviceRing, one record per prime).
// ckks_kernels.cu still carries its own copies: its committed PTX is nvcc's, verified on a device, and moves to this
// header when it is next regenerated where nvcc is.
#pragma once

typedef unsigned long long u64;

struct ModParams {
    u64 q;
    u64 ratioHigh;   // floor(2^128 / q) = ratioHigh 2^64 + ratioLow
    u64 ratioLow;
    u64 ratio64;     // floor(2^64 / q)
};

__device__ __forceinline__ u64 add_mod(u64 a, u64 b, u64 q) {
    u64 s = a + b;
    return s >= q ? s - q : s;
}

__device__ __forceinline__ u64 sub_mod(u64 a, u64 b, u64 q) {
    return a >= b ? a - b : a - b + q;
}

// x w mod q from w's Shoup companion ws = floor(w 2^64 / q): exact for any x < 2^64
__device__ __forceinline__ u64 mul_shoup(u64 x, u64 w, u64 ws, u64 q) {
    u64 r = x * w - __umul64hi(x, ws) * q;   // in [0, 2q)
    return r >= q ? r - q : r;
}

// x mod q for the 128-bit hi 2^64 + lo, hi < 2^58 (Barrett, as Modulus.reduce128)
__device__ __forceinline__ u64 reduce128(u64 hi, u64 lo, const ModParams& m) {
    u64 carry = __umul64hi(lo, m.ratioLow);
    u64 lowTimesHigh = lo * m.ratioHigh;
    u64 sum = lowTimesHigh + carry;
    u64 carry2 = __umul64hi(lo, m.ratioHigh) + (sum < lowTimesHigh ? 1 : 0);
    u64 highTimesLow = hi * m.ratioLow;
    u64 sum2 = highTimesLow + sum;
    u64 carry3 = __umul64hi(hi, m.ratioLow) + (sum2 < highTimesLow ? 1 : 0);
    u64 quotient = hi * m.ratioHigh + carry2 + carry3;
    u64 r = lo - quotient * m.q;
    return r >= m.q ? r - m.q : r;
}

__device__ __forceinline__ u64 mul_mod(u64 a, u64 b, const ModParams& m) {
    return reduce128(__umul64hi(a, b), a * b, m);
}
