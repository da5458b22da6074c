// CKKS kernels of the GPU compute backend (ai.based.gpu.GpuBackend): the negacyclic NTT and the element-wise
// operations of fhe/ckks's ComputeBackend SPI, bit-exact with its CPU kernels (every result is the same residue;
// the lazy accumulator follows the CPU's formula step for step, so its value in [0, 4q) is the same too).
//
// Moduli are primes q < 2^61; rows are N words of one prime. 64-bit products use __umul64hi (Shoup: x * w mod q
// from w' = floor(w 2^64 / q)). Compiled to PTX for compute_75 by gpu/scripts/build-ptx.sh; the driver compiles
// that PTX for the device at load time.
//
// The NTT of one row is two launches, each in shared memory: a "head" over columns (stages whose butterflies span
// rows of an R x (N/R) view, one block holding R rows of a few columns) and a "tail" over contiguous tiles (the
// remaining stages, whose butterflies stay within N/R consecutive words). blockIdx.y selects the row, so a batch
// of rows (of any primes) is one launch per half. Rows are described by RowDesc records in device memory.

typedef unsigned long long u64;

// One row of a batched launch; the Java side writes these as 8 longs each (RowDescriptors).
struct RowDesc {
    u64 row;      // device address of the N words
    u64 tw;       // twiddles: psiRev (forward) or psiInvRev (inverse), N words
    u64 twShoup;  // their Shoup companions
    u64 q;
    u64 nInv;     // inverse only: 1/N mod q and its Shoup companion
    u64 nInvShoup;
    u64 pad0;
    u64 pad1;
};

#define TILE 2048            // words per block in shared memory (16 KB)
#define THREADS (TILE / 2)   // one butterfly per thread per stage

__device__ __forceinline__ u64 mul_shoup_lazy(u64 x, u64 w, u64 ws, u64 q) {
    return x * w - __umul64hi(x, ws) * q;   // in [0, 2q) for any x < 2^64
}

__device__ __forceinline__ u64 mul_shoup(u64 x, u64 w, u64 ws, u64 q) {
    u64 r = mul_shoup_lazy(x, w, ws, q);
    return r >= q ? r - q : r;
}

__device__ __forceinline__ u64 add_mod(u64 a, u64 b, u64 q) {
    u64 s = a + b;
    return s >= q ? s - q : s;
}

__device__ __forceinline__ u64 sub_mod(u64 a, u64 b, u64 q) {
    return a >= b ? a - b : a - b + q;
}

// Cooley-Tukey butterfly (forward): (u, v) -> (u + w v, u - w v)
__device__ __forceinline__ void ct(u64* s, int i0, int i1, u64 w, u64 ws, u64 q) {
    u64 u = s[i0];
    u64 v = mul_shoup(s[i1], w, ws, q);
    s[i0] = add_mod(u, v, q);
    s[i1] = sub_mod(u, v, q);
}

// Gentleman-Sande butterfly (inverse): (u, v) -> (u + v, (u - v) w)
__device__ __forceinline__ void gs(u64* s, int i0, int i1, u64 w, u64 ws, u64 q) {
    u64 u = s[i0];
    u64 v = s[i1];
    s[i0] = add_mod(u, v, q);
    s[i1] = mul_shoup(u - v + q, w, ws, q);
}

// The head: rows r of the R x S view (S = N / R), element (r, c) at r * S + c. A block holds all R rows of
// C = width / R consecutive columns; width = min(TILE, N) words. Forward stages s = 0 .. logR-1.
extern "C" __global__ void ntt_forward_head(const RowDesc* rows, int logN, int logR, int width) {
    __shared__ u64 sh[TILE];
    const RowDesc d = rows[blockIdx.y];
    u64* a = (u64*) d.row;
    const u64* tw = (const u64*) d.tw;
    const u64* tws = (const u64*) d.twShoup;
    const u64 q = d.q;
    const int R = 1 << logR;
    const int C = width / R;
    const int S = (1 << logN) >> logR;
    const int colBase = blockIdx.x * C;
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) {
        int r = idx / C, c = idx % C;
        sh[idx] = a[(size_t) r * S + colBase + c];
    }
    __syncthreads();
    for (int s = 0; s < logR; s++) {
        const int h = R >> (s + 1);
        for (int u = threadIdx.x; u < width / 2; u += blockDim.x) {
            int c = u % C, v = u / C;
            int grp = v / h, off = v % h;
            int r = grp * 2 * h + off;
            int k = (1 << s) + grp;
            ct(sh, r * C + c, (r + h) * C + c, tw[k], tws[k], q);
        }
        __syncthreads();
    }
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) {
        int r = idx / C, c = idx % C;
        a[(size_t) r * S + colBase + c] = sh[idx];
    }
}

// The tail: stages whose butterfly distance t runs from 2^(logT-1) down to 1, within tiles of T = 2^logT
// consecutive words; a block holds width consecutive words (several tiles).
extern "C" __global__ void ntt_forward_tail(const RowDesc* rows, int logN, int logT, int width) {
    __shared__ u64 sh[TILE];
    const RowDesc d = rows[blockIdx.y];
    u64* a = (u64*) d.row + (size_t) blockIdx.x * width;
    const u64* tw = (const u64*) d.tw;
    const u64* tws = (const u64*) d.twShoup;
    const u64 q = d.q;
    const int base = blockIdx.x * width;
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) sh[idx] = a[idx];
    __syncthreads();
    for (int t = 1 << (logT - 1); t >= 1; t >>= 1) {
        const int logTwoT = 31 - __clz(2 * t);
        for (int u = threadIdx.x; u < width / 2; u += blockDim.x) {
            int j = (u / t) * 2 * t + (u % t);
            int k = ((1 << logN) >> logTwoT) + ((base + j) >> logTwoT);
            ct(sh, j, j + t, tw[k], tws[k], q);
        }
        __syncthreads();
    }
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) a[idx] = sh[idx];
}

// Inverse tail: Gentleman-Sande stages t = 1 .. 2^(logT-1) within tiles; scales by 1/N when it is the whole
// transform (scale != 0, N <= TILE).
extern "C" __global__ void ntt_inverse_tail(const RowDesc* rows, int logN, int logT, int width, int scale) {
    __shared__ u64 sh[TILE];
    const RowDesc d = rows[blockIdx.y];
    u64* a = (u64*) d.row + (size_t) blockIdx.x * width;
    const u64* tw = (const u64*) d.tw;
    const u64* tws = (const u64*) d.twShoup;
    const u64 q = d.q;
    const int base = blockIdx.x * width;
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) sh[idx] = a[idx];
    __syncthreads();
    for (int t = 1; t < (1 << logT); t <<= 1) {
        const int logTwoT = 31 - __clz(2 * t);
        for (int u = threadIdx.x; u < width / 2; u += blockDim.x) {
            int j = (u / t) * 2 * t + (u % t);
            int k = ((1 << logN) >> logTwoT) + ((base + j) >> logTwoT);
            gs(sh, j, j + t, tw[k], tws[k], q);
        }
        __syncthreads();
    }
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) {
        a[idx] = scale ? mul_shoup(sh[idx], d.nInv, d.nInvShoup, q) : sh[idx];
    }
}

// Inverse head: the Gentleman-Sande stages whose butterflies span rows of the R x S view (r-distance h = 1 ..
// R/2), then the scaling by 1/N.
extern "C" __global__ void ntt_inverse_head(const RowDesc* rows, int logN, int logR, int width) {
    __shared__ u64 sh[TILE];
    const RowDesc d = rows[blockIdx.y];
    u64* a = (u64*) d.row;
    const u64* tw = (const u64*) d.tw;
    const u64* tws = (const u64*) d.twShoup;
    const u64 q = d.q;
    const int R = 1 << logR;
    const int C = width / R;
    const int S = (1 << logN) >> logR;
    const int colBase = blockIdx.x * C;
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) {
        int r = idx / C, c = idx % C;
        sh[idx] = a[(size_t) r * S + colBase + c];
    }
    __syncthreads();
    for (int h = 1; h < R; h <<= 1) {
        for (int u = threadIdx.x; u < width / 2; u += blockDim.x) {
            int c = u % C, v = u / C;
            int grp = v / h, off = v % h;
            int r = grp * 2 * h + off;
            int k = R / (2 * h) + grp;
            gs(sh, r * C + c, (r + h) * C + c, tw[k], tws[k], q);
        }
        __syncthreads();
    }
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) {
        int r = idx / C, c = idx % C;
        a[(size_t) r * S + colBase + c] = mul_shoup(sh[idx], d.nInv, d.nInvShoup, q);
    }
}

// ---- element-wise kernels over n words (grid-stride) ----

// acc += x * w mod q, lazily: acc in [0, 4q) (the CPU's CpuBackend.mulAccumulateLazy step for step)
extern "C" __global__ void mul_accumulate_lazy(const u64* x, const u64* w, const u64* ws, u64* acc, u64 q, int n) {
    const u64 fourQ = q << 2;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        u64 s = acc[i] + mul_shoup_lazy(x[i], w[i], ws[i], q);
        acc[i] = s >= fourQ ? s - fourQ : s;
    }
}

extern "C" __global__ void reduce_lazy(u64* row, u64 q, int n) {
    const u64 twoQ = q << 1;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        u64 x = row[i];
        if (x >= twoQ) x -= twoQ;
        if (x >= q) x -= q;
        row[i] = x;
    }
}

// x mod q for x < 2^63 with floor(2^64 / q)
__device__ __forceinline__ u64 reduce64(u64 x, u64 q, u64 ratio) {
    u64 r = x - __umul64hi(x, ratio) * q;
    while (r >= q) r -= q;
    return r;
}

// residues mod src read as centred integers (-src/2, src/2], written mod q
extern "C" __global__ void lift_centered(const u64* in, u64 src, u64* out, u64 q, u64 ratio, int n) {
    const u64 half = src >> 1;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        u64 x = in[i];
        if (x > half) {
            u64 r = reduce64(src - x, q, ratio);
            out[i] = r == 0 ? 0 : q - r;
        } else {
            out[i] = reduce64(x, q, ratio);
        }
    }
}

extern "C" __global__ void add_rows(const u64* a, const u64* b, u64* out, u64 q, int n) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        out[i] = add_mod(a[i], b[i], q);
    }
}

extern "C" __global__ void sub_rows(const u64* a, const u64* b, u64* out, u64 q, int n) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        out[i] = sub_mod(a[i], b[i], q);
    }
}

// row = (row - sub) * c mod q (the end of ModDown and rescaling)
extern "C" __global__ void subtract_and_scale(u64* row, const u64* sub, u64 c, u64 cs, u64 q, int n) {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        row[i] = mul_shoup(sub_mod(row[i], sub[i], q), c, cs, q);
    }
}
