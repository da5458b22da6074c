// The operations of ai.based.gpu.DeviceAccelerator that DeviceEvaluator's key-switching kernels (ckks_kernels.cu) do
// not cover, on whole ciphertexts in device memory: additions, subtractions, products by constants and plaintexts
// (and sums of those), and the extended basis Q P of a linear transform's giant steps (lifting by P, a key switch left
// undivided, the division by P q_level with its exact conversion). One launch covers every row of every polynomial:
// blockIdx.y is the row, blockIdx.z the polynomial. A ciphertext's rows lie [poly][row][N] back to back
// (DeviceCiphertext): over q_0..q_level, then, in the extended basis, over the special primes. A plaintext's rows lie
// [row][N]. Results are fully reduced residues, the CPU's (PolyMath, RnsConversion) word for word.
//
// Compiled to PTX for sm_75 by gpu/scripts/build-ptx.sh (nvcc, or clang's CUDA front end where no nvcc is), without
// floating-point contraction: the division's rounding estimate must be Java's double arithmetic step for step. Also
// compiled for the host by GpuKernelSourceOnHostTest, which runs these kernels against the CPU's arithmetic.
#include "modular.cuh"

#define GRID_STRIDE(i, n) for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += gridDim.x * blockDim.x)

// The word offset of row blockIdx.y of polynomial blockIdx.z.
__device__ __forceinline__ size_t row_offset(int rows, int n) {
    return ((size_t) blockIdx.z * rows + blockIdx.y) * n;
}

// out = a + b over rows rows per polynomial (level + 1, or level + 1 + k in the extended basis)
extern "C" __global__ void add_ciphertexts(const u64* a, const u64* b, u64* out, const ModParams* mods, int rows, int level,
                                           int qCount, int n) {
    const size_t off = row_offset(rows, n);
    const u64 q = mods[prime_of(blockIdx.y, level, qCount)].q;
    GRID_STRIDE(i, n) out[off + i] = add_mod(a[off + i], b[off + i], q);
}

extern "C" __global__ void sub_ciphertexts(const u64* a, const u64* b, u64* out, const ModParams* mods, int rows, int level,
                                           int qCount, int n) {
    const size_t off = row_offset(rows, n);
    const u64 q = mods[prime_of(blockIdx.y, level, qCount)].q;
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

// out[z][t] = sum_j a_j[z][t] p_j[t] mod q_t over `count` terms whose device addresses the table holds: table[2j] a
// ciphertext's rows ([poly][rows][N]), table[2j + 1] a plaintext's ([rows][N]). A linear transform's inner sum in one
// launch instead of one per term.
extern "C" __global__ void mul_plain_sum(const u64* table, u64* out, const ModParams* mods, int rows, int count, int n) {
    const size_t off = row_offset(rows, n);
    const size_t plainOff = (size_t) blockIdx.y * n;
    const ModParams m = mods[blockIdx.y];
    GRID_STRIDE(i, n) {
        u64 s = 0;
        for (int j = 0; j < count; j++) {
            const u64* a = (const u64*) table[2 * j];
            const u64* p = (const u64*) table[2 * j + 1];
            s = add_mod(s, mul_mod(a[off + i], p[plainOff + i], m), m.q);
        }
        out[off + i] = s;
    }
}

// out[z][t] = a[z][t] c_t mod q_t; consts: c_t for t < rows, then their Shoup companions (a constant, or -1 to negate)
extern "C" __global__ void mul_const_rows(const u64* a, u64* out, const u64* consts, const ModParams* mods, int rows, int n) {
    const size_t off = row_offset(rows, n);
    const u64 q = mods[blockIdx.y].q, c = consts[blockIdx.y], cs = consts[rows + blockIdx.y];
    GRID_STRIDE(i, n) out[off + i] = mul_shoup(a[off + i], c, cs, q);
}

// out[z][t] = a[z][t] + c_t mod q_t; launched over the first polynomial only (a constant added to every slot)
extern "C" __global__ void add_const_rows(const u64* a, u64* out, const u64* consts, const ModParams* mods, int rows, int n) {
    const size_t off = row_offset(rows, n);
    const u64 q = mods[blockIdx.y].q, c = consts[blockIdx.y];
    GRID_STRIDE(i, n) out[off + i] = add_mod(a[off + i], c, q);
}

// Java's Math.round(double), bit for bit (the closest long, ties towards positive infinity).
__device__ __forceinline__ long long java_round(double a) {
    const long long bits = __double_as_longlong(a);
    const long long biasedExp = (bits & 0x7FF0000000000000LL) >> 52;
    const long long shift = (53 - 2 + 1023) - biasedExp;
    if ((shift & -64) == 0) {
        long long r = (bits & 0x000FFFFFFFFFFFFFLL) | 0x0010000000000000LL;
        if (bits < 0) r = -r;
        return ((r >> shift) + 1) >> 1;
    }
    return (long long) a;
}

// Rows over Q P (level + 1 + k per polynomial) from a key switch's undivided accumulators and a base lifted by P:
// out[d][t] = acc_d[t] + (t <= level ? P base_d[t] : 0). A null acc_d counts as zero (P c alone), a null base_d adds
// nothing. acc_d: level + 1 + k rows; base_d: level + 1 rows. pModQ: [P]_{q_t} for the qCount primes, then their
// Shoup companions.
extern "C" __global__ void extend_rows(const u64* acc0, const u64* acc1, const u64* base0, const u64* base1, u64* out,
                                       const u64* pModQ, const ModParams* mods, int level, int k, int qCount, int n) {
    const int t = blockIdx.y;
    const int rows = level + 1 + k;
    const u64* acc = blockIdx.z == 0 ? acc0 : acc1;
    const u64* base = blockIdx.z == 0 ? base0 : base1;
    const u64 q = mods[prime_of(t, level, qCount)].q;
    const bool lifted = base != 0 && t <= level;
    const u64 p = lifted ? pModQ[t] : 0, ps = lifted ? pModQ[qCount + t] : 0;
    u64* o = out + ((size_t) blockIdx.z * rows + t) * n;
    GRID_STRIDE(i, n) {
        u64 v = acc == 0 ? 0 : acc[(size_t) t * n + i];
        o[i] = lifted ? add_mod(v, mul_shoup(base[(size_t) t * n + i], p, ps, q), q) : v;
    }
}

// The exact conversion of a division by D, the product of `divisors` primes (RnsConversion.divide with several divisor
// primes): P q_level (divisors = k + 1, targets = level: ModDown and rescaling in one) or P (divisors = k, targets =
// level + 1: ModDown with several special primes). The divisor rows d[z][j] (coefficient form; j < k the special
// primes, j = k q_targets) scaled by [(D/d_j)^-1]_{d_j} to y_j, the multiple m = round(sum_j y_j / d_j) estimated in
// doubles, and conv[z][t] = sum_j y_j [D/d_j]_{q_t} - m [D]_{q_t} for t < targets (blockIdx.y). consts, with k1 =
// divisors: hatInv[k1], hatInvShoup[k1], hatModQ[k1][targets], hatModQShoup[k1][targets], modQ[targets],
// modQShoup[targets], then the doubles 1/d_j as their bits [k1].
extern "C" __global__ void divide_convert(const u64* d, u64* conv, const u64* consts, const ModParams* mods, int targets,
                                          int divisors, int k, int qCount, int n) {
    const int t = blockIdx.y;
    const int k1 = divisors;
    const u64* rows = d + (size_t) blockIdx.z * k1 * n;
    u64* out = conv + ((size_t) blockIdx.z * targets + t) * n;
    const u64 q = mods[t].q;
    const u64* hatModQ = consts + 2 * k1;
    const u64* hatModQShoup = hatModQ + k1 * targets;
    const u64* modQ = hatModQShoup + k1 * targets;
    const u64* reciprocal = modQ + 2 * targets;
    GRID_STRIDE(i, n) {
        double sum = 0;
        u64 r = 0;
        for (int j = 0; j < k1; j++) {
            const u64 dj = mods[j < k ? qCount + j : targets].q;
            const u64 y = mul_shoup(rows[(size_t) j * n + i], consts[j], consts[k1 + j], dj);
            sum += (double) (long long) y * __longlong_as_double((long long) reciprocal[j]);
            r = add_mod(r, mul_shoup(y, hatModQ[j * targets + t], hatModQShoup[j * targets + t], q), q);
        }
        const u64 m = (u64) java_round(sum);
        out[i] = sub_mod(r, mul_shoup(m, modQ[t], modQ[targets + t], q), q);
    }
}

// The end of a division: out[z][t] = (x[z][t] - conv[z][t]) inv[t] for t < level (blockIdx.y), x with xRows rows per
// polynomial (the extended basis: level + 1 + k), conv and out level rows. inv: [D^-1]_{q_t}, then Shoup companions.
extern "C" __global__ void divide_finish(const u64* x, const u64* conv, u64* out, const u64* inv, const ModParams* mods,
                                         int level, int xRows, int n) {
    const int t = blockIdx.y;
    const u64* row = x + ((size_t) blockIdx.z * xRows + t) * n;
    const u64* sub = conv + ((size_t) blockIdx.z * level + t) * n;
    u64* o = out + ((size_t) blockIdx.z * level + t) * n;
    const u64 q = mods[t].q;
    const u64 w = inv[t], ws = inv[level + t];
    GRID_STRIDE(i, n) o[i] = mul_shoup(sub_mod(row[i], sub[i], q), w, ws, q);
}
