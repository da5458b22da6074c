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

#include "modular.cuh"

// One row of a batched launch; the Java side writes these as 8 longs each (RowDescriptors).
struct RowDesc {
    u64 row;      // device address of the N words
    u64 tw;       // twiddles: psiRev (forward) or psiInvRev (inverse), N words
    u64 twShoup;  // their Shoup companions
    u64 q;
    u64 nInv;     // inverse only: 1/N mod q and its Shoup companion
    u64 nInvShoup;
    u64 src;      // first pass reads its input here instead of the row itself (0: in place)
    u64 srcQ;     // forward only: the input is residues mod srcQ, lifted centred to q on load (0: no lift)
};

// x, a residue mod src read as a centred integer in (-src/2, src/2], mod q (ratio = floor(2^64 / q))
__device__ __forceinline__ u64 lift_centered_one(u64 x, u64 src, u64 q, u64 ratio) {
    if (x > (src >> 1)) {
        u64 r = reduce64(src - x, q, ratio);
        return r == 0 ? 0 : q - r;
    }
    return reduce64(x, q, ratio);
}

// A forward transform's first load: the row itself, or d.src lifted from d.srcQ (ModUp fused into the NTT)
__device__ __forceinline__ u64 first_load(const RowDesc& d, size_t i, u64 ratio) {
    if (d.src == 0) return ((const u64*) d.row)[i];
    u64 x = ((const u64*) d.src)[i];
    return d.srcQ == 0 ? x : lift_centered_one(x, d.srcQ, d.q, ratio);
}

#define TILE 2048            // words per block in shared memory (16 KB)
#define THREADS (TILE / 2)   // one butterfly per thread per stage

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
extern "C" __global__ void __launch_bounds__(THREADS) ntt_forward_head(const RowDesc* rows, int logN, int logR, int width) {
    __shared__ u64 sh[TILE];
    const RowDesc d = rows[blockIdx.y];
    u64* a = (u64*) d.row;
    const u64* tw = (const u64*) d.tw;
    const u64* tws = (const u64*) d.twShoup;
    const u64 q = d.q;
    // powers of two throughout: shifts and masks, not divisions
    const int logC = (31 - __clz(width)) - logR;
    const int cMask = (1 << logC) - 1;
    const int logS = logN - logR;
    const int colBase = blockIdx.x << logC;
    const u64 ratio = d.srcQ == 0 ? 0 : ~0ULL / q;
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) {
        sh[idx] = first_load(d, ((size_t) (idx >> logC) << logS) + colBase + (idx & cMask), ratio);
    }
    __syncthreads();
    for (int s = 0; s < logR; s++) {
        const int logH = logR - s - 1;
        for (int u = threadIdx.x; u < width / 2; u += blockDim.x) {
            int c = u & cMask, v = u >> logC;
            int grp = v >> logH, off = v & ((1 << logH) - 1);
            int r = (grp << (logH + 1)) + off;
            int k = (1 << s) + grp;
            ct(sh, (r << logC) + c, ((r + (1 << logH)) << logC) + c, tw[k], tws[k], q);
        }
        __syncthreads();
    }
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) {
        a[((size_t) (idx >> logC) << logS) + colBase + (idx & cMask)] = sh[idx];
    }
}

// The tail: stages whose butterfly distance t runs from 2^(logT-1) down to 1, within tiles of T = 2^logT
// consecutive words; a block holds width consecutive words (several tiles).
extern "C" __global__ void __launch_bounds__(THREADS) ntt_forward_tail(const RowDesc* rows, int logN, int logT, int width) {
    __shared__ u64 sh[TILE];
    const RowDesc d = rows[blockIdx.y];
    u64* a = (u64*) d.row + (size_t) blockIdx.x * width;
    const u64* tw = (const u64*) d.tw;
    const u64* tws = (const u64*) d.twShoup;
    const u64 q = d.q;
    const int base = blockIdx.x * width;
    if (logT == logN) { // the whole transform: this is the first pass
        const u64 ratio = d.srcQ == 0 ? 0 : ~0ULL / q;
        for (int idx = threadIdx.x; idx < width; idx += blockDim.x) sh[idx] = first_load(d, (size_t) base + idx, ratio);
    } else {
        for (int idx = threadIdx.x; idx < width; idx += blockDim.x) sh[idx] = a[idx];
    }
    __syncthreads();
    for (int logHalf = logT - 1; logHalf >= 0; logHalf--) {
        const int half = 1 << logHalf;
        for (int u = threadIdx.x; u < width / 2; u += blockDim.x) {
            int j = ((u >> logHalf) << (logHalf + 1)) + (u & (half - 1));
            int k = (1 << (logN - logHalf - 1)) + ((base + j) >> (logHalf + 1));
            ct(sh, j, j + half, tw[k], tws[k], q);
        }
        __syncthreads();
    }
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) a[idx] = sh[idx];
}

// Inverse tail: Gentleman-Sande stages t = 1 .. 2^(logT-1) within tiles; scales by 1/N when it is the whole
// transform (scale != 0, N <= TILE).
extern "C" __global__ void __launch_bounds__(THREADS) ntt_inverse_tail(const RowDesc* rows, int logN, int logT, int width, int scale) {
    __shared__ u64 sh[TILE];
    const RowDesc d = rows[blockIdx.y];
    u64* a = (u64*) d.row + (size_t) blockIdx.x * width;
    const u64* tw = (const u64*) d.tw;
    const u64* tws = (const u64*) d.twShoup;
    const u64 q = d.q;
    const int base = blockIdx.x * width;
    const u64* in = d.src == 0 ? a : (const u64*) d.src + (size_t) base; // the inverse's first pass: may read elsewhere
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) sh[idx] = in[idx];
    __syncthreads();
    for (int logHalf = 0; logHalf < logT; logHalf++) {
        const int half = 1 << logHalf;
        for (int u = threadIdx.x; u < width / 2; u += blockDim.x) {
            int j = ((u >> logHalf) << (logHalf + 1)) + (u & (half - 1));
            int k = (1 << (logN - logHalf - 1)) + ((base + j) >> (logHalf + 1));
            gs(sh, j, j + half, tw[k], tws[k], q);
        }
        __syncthreads();
    }
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) {
        a[idx] = scale ? mul_shoup(sh[idx], d.nInv, d.nInvShoup, q) : sh[idx];
    }
}

// Inverse head: the Gentleman-Sande stages whose butterflies span rows of the R x S view (r-distance h = 1 ..
// R/2), then the scaling by 1/N.
extern "C" __global__ void __launch_bounds__(THREADS) ntt_inverse_head(const RowDesc* rows, int logN, int logR, int width) {
    __shared__ u64 sh[TILE];
    const RowDesc d = rows[blockIdx.y];
    u64* a = (u64*) d.row;
    const u64* tw = (const u64*) d.tw;
    const u64* tws = (const u64*) d.twShoup;
    const u64 q = d.q;
    const int logC = (31 - __clz(width)) - logR;
    const int cMask = (1 << logC) - 1;
    const int logS = logN - logR;
    const int colBase = blockIdx.x << logC;
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) {
        sh[idx] = a[((size_t) (idx >> logC) << logS) + colBase + (idx & cMask)];
    }
    __syncthreads();
    for (int logH = 0; logH < logR; logH++) {
        for (int u = threadIdx.x; u < width / 2; u += blockDim.x) {
            int c = u & cMask, v = u >> logC;
            int grp = v >> logH, off = v & ((1 << logH) - 1);
            int r = (grp << (logH + 1)) + off;
            int k = (1 << (logR - logH - 1)) + grp;
            gs(sh, (r << logC) + c, ((r + (1 << logH)) << logC) + c, tw[k], tws[k], q);
        }
        __syncthreads();
    }
    for (int idx = threadIdx.x; idx < width; idx += blockDim.x) {
        a[((size_t) (idx >> logC) << logS) + colBase + (idx & cMask)] = mul_shoup(sh[idx], d.nInv, d.nInvShoup, q);
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

// ---- device-resident key switching (ai.based.gpu.DeviceEvaluator) ----
// Buffers hold rows of N words back to back. Primes are indexed as in RingContext (q_0..q_{qCount-1}, then the
// special primes); a ModParams table (modular.cuh) in device memory gives each prime's modulus and Barrett ratio.

// The tensor product of two degree-1 ciphertexts at level L (rows 0..L of each polynomial, prime i = row i):
// c0 = a0 b0, c1 = a0 b1 + a1 b0, c2 = a1 b1. a and b: [poly][row][N]; out: [3][row][N].
extern "C" __global__ void tensor_product(const u64* a, const u64* b, u64* out, const ModParams* mods, int rows, int n) {
    const int row = blockIdx.y;
    const ModParams m = mods[row];
    const size_t polyStride = (size_t) rows * n;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        size_t at = (size_t) row * n + i;
        u64 x0 = a[at], x1 = a[polyStride + at];
        u64 y0 = b[at], y1 = b[polyStride + at];
        out[at] = mul_mod(x0, y0, m);
        u64 low1 = x0 * y1, low2 = x1 * y0;
        u64 low = low1 + low2;
        u64 high = __umul64hi(x0, y1) + __umul64hi(x1, y0) + (low < low1 ? 1 : 0);
        out[polyStride + at] = reduce128(high, low, m);
        out[2 * polyStride + at] = mul_mod(x1, y1, m);
    }
}

// ModUp's diagonal: digit g = j / size under each of its own primes q_j is c's NTT row j itself, copied into
// digits[g][j]. The other rows of a digit of one prime are lifted by the forward NTT's first pass (RowDesc.src/srcQ),
// which reads c's coefficient rows; those of a digit of several primes are converted by mod_up_convert.
extern "C" __global__ void mod_up_diagonal(const u64* cNtt, u64* digits, int level, int k, int size, int n) {
    const int targets = level + 1 + k;
    const int j = blockIdx.y;
    u64* out = digits + ((size_t) (j / size) * targets + j) * n;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        out[i] = cNtt[(size_t) j * n + i];
    }
}

// ModUp of a digit of several primes S = first..last (RnsConversion.convertInto): from the scaled coefficient rows
// y_i = [c_i (Q_S / q_i)^-1]_{q_i}, digits[g][t] = sum_{i in S} y_i [Q_S / q_i]_{q_t} mod q_t (coefficient form; the
// forward NTT follows) for every target t outside S: blockIdx.y the target, blockIdx.z the digit g. Digits of one
// prime, and a digit's own primes, are left alone. hats: [Q_S / q_i]_{q_t} at [i][t] for i <= level, t < targets,
// then their Shoup companions.
extern "C" __global__ void mod_up_convert(const u64* scaled, u64* digits, const u64* hats, const ModParams* mods, int level,
                                          int k, int size, int qCount, int n) {
    const int targets = level + 1 + k;
    const int t = blockIdx.y;
    const int g = blockIdx.z;
    const int first = g * size;
    const int last = first + size - 1 < level ? first + size - 1 : level;
    const int prime = prime_of(t, level, qCount);
    if (first == last || (prime >= first && prime <= last)) return;
    const u64 q = mods[prime].q;
    const u64* hatShoup = hats + (size_t) (level + 1) * targets;
    u64* out = digits + ((size_t) g * targets + t) * n;
    for (int x = blockIdx.x * blockDim.x + threadIdx.x; x < n; x += gridDim.x * blockDim.x) {
        u64 r = 0;
        for (int i = first; i <= last; i++) {
            const size_t h = (size_t) i * targets + t;
            r = add_mod(r, mul_shoup(scaled[(size_t) i * n + x], hats[h], hatShoup[h], q), q);
        }
        out[x] = r;
    }
}

// The key-switching inner product over the `count` digits: acc0[t] = sum_j digits[j][t] key.b[j][prime(t)], acc1 likewise with key.a, lazy
// Shoup products summed below 4q, reduced at the end. A key serving levels up to keyLevel holds keyLevel + 1 + k rows
// per digit (q_0..q_keyLevel, then the special primes): key[(j * (keyLevel + 1 + k) + row) * n]; keyLevel >= level. With
// a permutation (non-null perm), digit word i is read at perm[i]: the digits of c(X^g) from those of c (hoisting).
extern "C" __global__ void inner_product(const u64* digits, const u64* kb, const u64* ka, const u64* kbs, const u64* kas,
                                         u64* acc0, u64* acc1, const ModParams* mods, const int* perm, int level, int k,
                                         int count, int qCount, int keyLevel, int n) {
    const int targets = level + 1 + k;
    const int t = blockIdx.y;
    const int prime = prime_of(t, level, qCount);
    const int keyRows = keyLevel + 1 + k;
    const int keyRow = t <= level ? t : keyLevel + t - level;
    const u64 q = mods[prime].q;
    const u64 twoQ = q << 1, fourQ = q << 2;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        u64 s0 = 0, s1 = 0;
        for (int j = 0; j < count; j++) {
            u64 d = digits[((size_t) j * targets + t) * n + (perm == 0 ? i : perm[i])];
            size_t key = ((size_t) j * keyRows + keyRow) * n + i;
            s0 += mul_shoup_lazy(d, kb[key], kbs[key], q);
            s0 = s0 >= fourQ ? s0 - fourQ : s0;
            s1 += mul_shoup_lazy(d, ka[key], kas[key], q);
            s1 = s1 >= fourQ ? s1 - fourQ : s1;
        }
        if (s0 >= twoQ) s0 -= twoQ;
        if (s0 >= q) s0 -= q;
        if (s1 >= twoQ) s1 -= twoQ;
        if (s1 >= q) s1 -= q;
        acc0[(size_t) t * n + i] = s0;
        acc1[(size_t) t * n + i] = s1;
    }
}

// The end of ModDown, then the addition of the ciphertext's own part: result[t] = base[t] + (acc[t] - conv[t])
// [P^-1]_{q_t}, for both accumulators (blockIdx.z); a null base adds nothing. pInv: [P^-1]_{q_t} and its Shoup companion per t.
extern "C" __global__ void mod_down_finish(const u64* acc0, const u64* acc1, const u64* conv0, const u64* conv1,
                                           const u64* base0, const u64* base1, u64* out0, u64* out1,
                                           const ModParams* mods, const u64* pInv, int qCount, int n) {
    const int t = blockIdx.y;
    const bool second = blockIdx.z == 1;
    const size_t off = (size_t) t * n;
    const u64* acc = (second ? acc1 : acc0) + off;
    const u64* conv = (second ? conv1 : conv0) + off;
    const u64* baseRows = second ? base1 : base0;   // null: nothing to add
    const u64* base = baseRows == 0 ? 0 : baseRows + off;
    u64* out = (second ? out1 : out0) + off;
    const u64 q = mods[t].q;
    const u64 c = pInv[t], cs = pInv[qCount + t];
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        u64 v = mul_shoup(sub_mod(acc[i], conv[i], q), c, cs, q);
        out[i] = base == 0 ? v : add_mod(base[i], v, q);
    }
}

// out[r][i] = in[r][perm[i]] for rows r (blockIdx.y): an automorphism X -> X^g in the NTT domain.
extern "C" __global__ void permute_rows(const u64* in, u64* out, const int* perm, int n) {
    const size_t off = (size_t) blockIdx.y * n;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        out[off + i] = in[off + perm[i]];
    }
}

// The end of rescaling: out[d][t] = (c[d][t] - conv[d][t]) [q_level^-1]_{q_t} for t < level (blockIdx.y), both
// polynomials (blockIdx.z). c has level + 1 rows per polynomial, out and conv level rows. inv: the inverses for
// t < level, then their Shoup companions.
extern "C" __global__ void rescale_finish(const u64* c, const u64* conv, u64* out, const ModParams* mods, const u64* inv,
                                          int level, int n) {
    const int t = blockIdx.y;
    const int d = blockIdx.z;
    const u64* row = c + ((size_t) d * (level + 1) + t) * n;
    const u64* sub = conv + ((size_t) d * level + t) * n;
    u64* o = out + ((size_t) d * level + t) * n;
    const u64 q = mods[t].q;
    const u64 w = inv[t], ws = inv[level + t];
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x) {
        o[i] = mul_shoup(sub_mod(row[i], sub[i], q), w, ws, q);
    }
}
