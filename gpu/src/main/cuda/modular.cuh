// Modular arithmetic of the kernels (ckks_kernels.cu, resident_kernels.cu): primes q < 2^61, 64-bit residues, Shoup
// products, and Barrett reduction of 128-bit products with a ModParams table in device memory (written by
// ai.based.gpu.DeviceRing, one record per prime).
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

// x mod q for x < 2^63 with floor(2^64 / q)
__device__ __forceinline__ u64 reduce64(u64 x, u64 q, u64 ratio) {
    u64 r = x - __umul64hi(x, ratio) * q;
    while (r >= q) r -= q;
    return r;
}

// x w mod q from w's Shoup companion ws = floor(w 2^64 / q), lazily: in [0, 2q) for any x < 2^64
__device__ __forceinline__ u64 mul_shoup_lazy(u64 x, u64 w, u64 ws, u64 q) {
    return x * w - __umul64hi(x, ws) * q;
}

__device__ __forceinline__ u64 mul_shoup(u64 x, u64 w, u64 ws, u64 q) {
    u64 r = mul_shoup_lazy(x, w, ws, q);
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

// The ModParams index of row t of a ciphertext at q level `level`: q_0..q_level, then the special primes, which the
// table keeps after all qCount ciphertext primes (RingContext's order).
__device__ __forceinline__ int prime_of(int t, int level, int qCount) {
    return t <= level ? t : qCount + t - level - 1;
}
