package ai.based.fhe.ring;

import ai.based.fhe.compute.ComputeBackend;

/**
 * The pure-Java kernels on AVX-512 through the JDK's Vector API ({@code jdk.incubator.vector}). Chosen over the
 * scalar {@link CpuBackend} when the JVM was started with {@code --add-modules jdk.incubator.vector} and the
 * hardware runs eight-lane long vectors; {@code -Dbased.ckks.backend=cpu} turns it off (for A/B measurements), and so
 * does {@code =cpu-avx2}, which leaves the four-lane {@link Avx2Backend} the best one available.
 * Results are identical to the scalar kernels'. This class names no vector type, so that loading it without the
 * module is harmless: {@link #available()} then answers false.
 */
public final class VectorBackend implements ComputeBackend {
    static final String MODULE = "jdk.incubator.vector";

    @Override
    public String name() {
        return "cpu-avx512";
    }

    @Override
    public boolean available() {
        String forced = System.getProperty("based.ckks.backend");
        if ("cpu".equals(forced) || "cpu-avx2".equals(forced)) return false;
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) return false;
        try {
            return Lanes.native512();
        } catch (LinkageError e) {
            return false; // a JDK whose incubating API differs from the one compiled against
        }
    }

    /** Above Avx2Backend's 1 and CpuBackend's 0. */
    @Override
    public int priority() {
        return 2;
    }

    @Override
    public void forwardNtt(Ntt tables, long[] row) {
        VectorNtt.forward(tables, row);
    }

    @Override
    public void inverseNtt(Ntt tables, long[] row) {
        VectorNtt.inverse(tables, row);
    }

    @Override
    public void mulAccumulateLazy(long[] x, long[] w, long[] wShoup, long[] acc, Modulus m) {
        call(MUL_ACCUMULATE_LAZY, x, w, wShoup, acc, 0, 0, m);
    }

    @Override
    public void reduceLazy(long[] row, Modulus m) {
        call(REDUCE_LAZY, null, null, null, row, 0, 0, m);
    }

    @Override
    public void liftCentered(long[] residues, long sourceModulus, Modulus target, long[] out) {
        call(LIFT_CENTERED, residues, null, null, out, sourceModulus, 0, target);
    }

    @Override
    public void add(long[] a, long[] b, long[] out, Modulus m) {
        call(ADD, a, b, null, out, 0, 0, m);
    }

    @Override
    public void sub(long[] a, long[] b, long[] out, Modulus m) {
        call(SUB, a, b, null, out, 0, 0, m);
    }

    @Override
    public void subtractAndScale(long[] row, long[] subtrahend, long c, long cShoup, Modulus m) {
        call(SUBTRACT_AND_SCALE, subtrahend, null, null, row, c, cShoup, m);
    }

    @Override
    public void negate(long[] a, long[] out, Modulus m) {
        call(NEGATE, a, null, null, out, 0, 0, m);
    }

    @Override
    public void multiply(long[] a, long[] b, long[] out, Modulus m) {
        call(MULTIPLY, a, b, null, out, 0, 0, m);
    }

    @Override
    public void multiplyAdd(long[] a, long[] b, long[] acc, Modulus m) {
        call(MULTIPLY_ADD, a, b, null, acc, 0, 0, m);
    }

    @Override
    public void multiplyConstant(long[] a, long c, long cShoup, long[] out, Modulus m) {
        call(MULTIPLY_CONSTANT, a, null, null, out, c, cShoup, m);
    }

    @Override
    public void multiplyConstantAdd(long[] a, long c, long cShoup, long[] acc, Modulus m) {
        call(MULTIPLY_CONSTANT_ADD, a, null, null, acc, c, cShoup, m);
    }

    /** Four dyadic passes, one product each (a loop with several products outgrows C2's inlining budget). */
    @Override
    public void tensor(long[] a0, long[] a1, long[] b0, long[] b1, long[] c0, long[] c1, long[] c2, Modulus m) {
        call(MULTIPLY, a0, b0, null, c0, 0, 0, m);
        call(MULTIPLY, a0, b1, null, c1, 0, 0, m);
        call(MULTIPLY_ADD, a1, b0, null, c1, 0, 0, m);
        call(MULTIPLY, a1, b1, null, c2, 0, 0, m);
    }

    /**
     * Every element-wise kernel is called from the one call site in {@link #call}, which sees eleven kernel classes, so
     * C2 compiles it as a plain interface call and never inlines a kernel into its caller (a key switch, an
     * evaluator loop). Inlined there, a kernel's Vector API calls would share the caller's node budget, and C2 leaves
     * what exceeds it out of line, boxing the vectors: whether that happened depended on which method the compiler
     * threads reached first (see VectorNtt#run, where -XX:+PrintInlining caught it). Compiled on its own, each kernel
     * has the whole budget in every run. The table is an array because C2 folds a static final field but not an
     * array element: a constant receiver would be inlined whatever the profile says.
     */
    private static void call(int kernel, long[] a, long[] b, long[] c, long[] out, long x, long y, Modulus m) {
        KERNELS[kernel].run(a, b, c, out, x, y, m);
    }

    /** One element-wise kernel with its operands (unused ones null or 0). */
    private interface RowKernel {
        void run(long[] a, long[] b, long[] c, long[] out, long x, long y, Modulus m);
    }

    private static final int ADD = 0;
    private static final int SUB = 1;
    private static final int NEGATE = 2;
    private static final int MULTIPLY = 3;
    private static final int MULTIPLY_ADD = 4;
    private static final int MULTIPLY_CONSTANT = 5;
    private static final int MUL_ACCUMULATE_LAZY = 6;
    private static final int REDUCE_LAZY = 7;
    private static final int LIFT_CENTERED = 8;
    private static final int SUBTRACT_AND_SCALE = 9;
    private static final int MULTIPLY_CONSTANT_ADD = 10;

    private static final RowKernel[] KERNELS = {
        (a, b, c, out, x, y, m) -> VectorKernels.add(a, b, out, m),
        (a, b, c, out, x, y, m) -> VectorKernels.sub(a, b, out, m),
        (a, b, c, out, x, y, m) -> VectorKernels.negate(a, out, m),
        (a, b, c, out, x, y, m) -> VectorKernels.multiply(a, b, out, m),
        (a, b, c, out, x, y, m) -> VectorKernels.multiplyAdd(a, b, out, m),
        (a, b, c, out, x, y, m) -> VectorKernels.multiplyConstant(a, x, y, out, m),
        (a, b, c, out, x, y, m) -> VectorKernels.mulAccumulateLazy(a, b, c, out, m),
        (a, b, c, out, x, y, m) -> VectorKernels.reduceLazy(out, m),
        (a, b, c, out, x, y, m) -> VectorKernels.liftCentered(a, x, m, out),
        (a, b, c, out, x, y, m) -> VectorKernels.subtractAndScale(out, a, x, y, m),
        (a, b, c, out, x, y, m) -> VectorKernels.multiplyConstantAdd(a, x, y, out, m),
    };
}
