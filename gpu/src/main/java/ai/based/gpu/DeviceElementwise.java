package ai.based.gpu;

import static ai.based.gpu.CudaKernels.address;
import static ai.based.gpu.CudaKernels.ints;
import static ai.based.gpu.CudaKernels.pointer;

/**
 * The element-wise operations on ciphertexts in device memory (resident_kernels.cu), one launch over every row of
 * every polynomial: sums and differences (over Q P too), products by plaintexts (and their sums) and by per-prime
 * constants, constants and plaintexts added, levels dropped, and the lift of a ciphertext or a key switch's
 * accumulators into Q P. Each gives the CPU Evaluator's residues. Not thread-safe (the evaluator's lock).
 */
final class DeviceElementwise implements AutoCloseable {
    private final CudaKernels kernels;
    private final DeviceRing ring;
    private final int n;
    private final int k;
    /** Per-prime constants of one operation and their Shoup companions, uploaded before its launch (stream order). */
    private final DeviceBuffer constants;
    /** The operand addresses of a sum of products, uploaded before its launch; grown when a sum has more terms. */
    private DeviceBuffer terms;

    DeviceElementwise(CudaKernels kernels, DeviceRing ring) {
        this.kernels = kernels;
        this.ring = ring;
        this.n = ring.n;
        this.k = ring.k;
        this.constants = new DeviceBuffer(2L * ring.qCount);
        try {
            this.terms = new DeviceBuffer(2L * 64);
        } catch (RuntimeException e) {
            constants.free();
            throw e;
        }
    }

    /** a + b, or a - b, into {@code out} (which may be a or b), polynomial by polynomial; Evaluator.add's and sub's residues. */
    void addInto(DeviceCiphertext a, DeviceCiphertext b, DeviceCiphertext out, boolean subtract) {
        combine(a, b, out, subtract, a.level);
    }

    /** acc + x over Q P into {@code out} (q level {@code level}: level + 1 + k rows); ExtendedEvaluator.addInPlace's residues. */
    void addExtendedInto(DeviceCiphertext acc, DeviceCiphertext x, DeviceCiphertext out, int level) {
        requireExtended(acc, level);
        combine(acc, x, out, false, level);
    }

    private void combine(DeviceCiphertext a, DeviceCiphertext b, DeviceCiphertext out, boolean subtract, int qLevel) {
        kernels.bind();
        requireShape(a, b, out);
        kernels.rowwise(subtract ? kernels.subCiphertexts : kernels.addCiphertexts, n, a.level + 1, a.degree + 1, address(a.rows, 0),
                address(b.rows, 0), address(out.rows, 0), address(ring.moduli, 0), ints(a.level + 1), ints(qLevel), ints(ring.qCount), ints(n));
        out.setScale(a.scale());
    }

    /**
     * a times the plaintext whose rows 0..level lie at {@code plain} into {@code out}, or added to it with
     * {@code accumulate} (a linear transform's inner sum); Evaluator.mulPlain's and mulPlainAdd's residues.
     */
    void mulPlainInto(DeviceCiphertext a, DeviceBuffer plain, DeviceCiphertext out, boolean accumulate) {
        kernels.bind();
        requireShape(a, a, out);
        kernels.rowwise(accumulate ? kernels.mulPlainAdd : kernels.mulPlain, n, a.level + 1, a.degree + 1, address(a.rows, 0),
                address(plain, 0), address(out.rows, 0), address(ring.moduli, 0), ints(a.level + 1), ints(n));
    }

    /**
     * Room for the operand table of a sum of {@code count} products: the table grown (the new one allocated before the
     * old one is freed, so a refused allocation leaves the old one in place). DeviceAccelerator calls it where it can
     * make room.
     */
    void reserveTerms(int count) {
        if (terms.words() >= 2L * count) return;
        DeviceBuffer grown = new DeviceBuffer(2L * count);
        kernels.synchronize(); // a queued sum may still read the old table
        terms.free();
        terms = grown;
    }

    /** The sum of cs[j] times the plaintext rows at plains[j] into {@code out}; Evaluator.mulPlainSum's residues. */
    void mulPlainSumInto(java.util.List<DeviceCiphertext> cs, java.util.List<DeviceBuffer> plains, DeviceCiphertext out) {
        kernels.bind();
        long[] table = new long[2 * cs.size()];
        for (int j = 0; j < cs.size(); j++) {
            requireShape(cs.get(j), cs.get(j), out);
            table[2 * j] = cs.get(j).rows.address(0);
            table[2 * j + 1] = plains.get(j).address(0);
        }
        reserveTerms(cs.size());
        CudaKernels.upload(terms, 0, table);
        kernels.rowwise(kernels.mulPlainSum, n, out.level + 1, out.degree + 1, address(terms, 0), address(out.rows, 0), address(ring.moduli, 0),
                ints(out.level + 1), ints(cs.size()), ints(n));
    }

    /** Row t of every polynomial of c times {@code residues[t]} into {@code out}; Evaluator.mulConst's and negate's residues. */
    void mulConstInto(DeviceCiphertext c, long[] residues, DeviceCiphertext out) {
        kernels.bind();
        requireShape(c, c, out);
        uploadConstants(residues, c.level);
        kernels.rowwise(kernels.mulConstRows, n, c.level + 1, c.degree + 1, address(c.rows, 0), address(out.rows, 0), address(constants, 0),
                address(ring.moduli, 0), ints(c.level + 1), ints(n));
    }

    /** c with {@code residues[t]} added to row t of its first polynomial, into {@code out}; Evaluator.addConst's residues. */
    void addConstInto(DeviceCiphertext c, long[] residues, DeviceCiphertext out) {
        kernels.bind();
        requireShape(c, c, out);
        uploadConstants(residues, c.level);
        copyFrom(c, 1, out);
        kernels.rowwise(kernels.addConstRows, n, c.level + 1, 1, address(c.rows, 0), address(out.rows, 0), address(constants, 0),
                address(ring.moduli, 0), ints(c.level + 1), ints(n));
    }

    /** c with the plaintext at {@code plain} added to its first polynomial, into {@code out}; Evaluator.addPlain's residues. */
    void addPlainInto(DeviceCiphertext c, DeviceBuffer plain, DeviceCiphertext out) {
        kernels.bind();
        requireShape(c, c, out);
        copyFrom(c, 1, out);
        kernels.rowwise(kernels.addCiphertexts, n, c.level + 1, 1, address(c.rows, 0), address(plain, 0), address(out.rows, 0),
                address(ring.moduli, 0), ints(c.level + 1), ints(c.level), ints(ring.qCount), ints(n));
    }

    /** Rows 0..out.level of every polynomial of c into {@code out}; Evaluator.dropLevel's residues. */
    void dropLevelInto(DeviceCiphertext c, DeviceCiphertext out) {
        kernels.bind();
        if (out.degree != c.degree || out.level > c.level) throw new IllegalArgumentException("cannot drop from level " + c.level + " to " + out.level);
        for (int p = 0; p <= c.degree; p++) CudaKernels.copy(out.rows, out.row(p, 0), c.rows, c.row(p, 0), (long) (out.level + 1) * n);
    }

    /** P c over Q P into {@code out} (degree 1, level c.level + k); ExtendedEvaluator.extend's residues. */
    void extendInto(DeviceCiphertext c, DeviceCiphertext out) {
        kernels.bind();
        requireExtended(out, c.level);
        extendRows(c.level, 0, 0, c.rows.address(c.row(0, 0)), c.rows.address(c.row(1, 0)), out.rows);
    }

    /**
     * out[d] = acc_d + P base_d over Q P (device addresses; 0: nothing): extend_rows over the level + 1 + k rows of both
     * polynomials, acc_d of level + 1 + k rows (a key switch's undivided accumulators), base_d of level + 1.
     */
    void extendRows(int level, long acc0, long acc1, long base0, long base1, DeviceBuffer out) {
        kernels.rowwise(kernels.extendRows, n, level + 1 + k, 2, pointer(acc0), pointer(acc1), pointer(base0), pointer(base1),
                address(out, 0), address(ring.pModQ, 0), address(ring.moduli, 0), ints(level), ints(k), ints(ring.qCount), ints(n));
    }

    void requireExtended(DeviceCiphertext x, int level) {
        if (x.degree != 1 || x.level != level + k) {
            throw new IllegalArgumentException("rows over Q P at level " + level + " are of degree 1 with " + (level + 1 + k) + " rows, got degree "
                    + x.degree + " with " + (x.level + 1));
        }
    }

    /** Polynomials {@code from}..degree of c copied into out's. */
    private void copyFrom(DeviceCiphertext c, int from, DeviceCiphertext out) {
        for (int p = from; p <= c.degree; p++) CudaKernels.copy(out.rows, out.row(p, 0), c.rows, c.row(p, 0), (long) (c.level + 1) * n);
    }

    /** residues[t] for t = 0..level, then their Shoup companions, into the constants row. */
    private void uploadConstants(long[] residues, int level) {
        long[] words = new long[2 * (level + 1)];
        for (int t = 0; t <= level; t++) {
            words[t] = residues[t];
            words[level + 1 + t] = ring.ring.modulus(t).shoup(residues[t]);
        }
        CudaKernels.upload(constants, 0, words);
    }

    private static void requireShape(DeviceCiphertext a, DeviceCiphertext b, DeviceCiphertext out) {
        if (b.degree != a.degree || out.degree != a.degree || b.level != a.level || out.level != a.level) {
            throw new IllegalArgumentException("element-wise operands and result need one degree and level, got degrees " + a.degree + ", "
                    + b.degree + ", " + out.degree + " at levels " + a.level + ", " + b.level + ", " + out.level);
        }
    }

    @Override
    public void close() {
        constants.free();
        terms.free();
    }
}
