package ai.based.fhe.ring;

import ai.based.fhe.compute.ComputeBackend;
import java.util.Set;

/**
 * The pure-Java kernels on AVX2 (four 64-bit lanes) for CPUs without AVX-512, through the JDK's Vector API. Chosen
 * below {@link VectorBackend} and above the scalar {@link CpuBackend}: when the JVM has {@code jdk.incubator.vector}
 * and the hardware runs four-lane long vectors but not eight-lane ones. {@code -Dbased.ckks.backend=cpu-avx2} forces it
 * on an AVX-512 machine (then the 256-bit code runs with AVX-512's instructions; start the JVM with
 * {@code -XX:UseAVX=2} as well to measure what an AVX2 CPU does), {@code =cpu} or {@code =cpu-avx512} turns it off.
 *
 * <p>AVX2 has no 64-bit lane multiply, so only the kernels measured faster than scalar code with {@code -XX:UseAVX=2}
 * run on vectors here ({@link #VECTORISED}; the figures are in docs/benchmarks.md); the others run {@link CpuBackend}'s
 * loops. {@code -Dbased.ckks.avx2.kernels=all} puts every kernel on vectors, for that measurement. Results are the
 * scalar kernels' bit for bit either way. Like VectorBackend, this class names no vector type.
 */
public final class Avx2Backend implements ComputeBackend {
    static final String KERNELS_PROPERTY = "based.ckks.avx2.kernels";

    /**
     * The kernels that beat scalar code on AVX2 in every kernel-guard run with -XX:UseAVX=2 (KernelGuard's names;
     * docs/benchmarks.md). Add, sub and negate win by 2.3-4x (four lanes of add, compare and blend per instruction),
     * the lazy reduction by 1.06-1.08x, the Barrett products by 1.04-1.6x. Every kernel with a Shoup product does not
     * (the transforms, the key-switching accumulation, the lift, the constant products: up to 2.2x slower), nor does
     * the four-pass tensor against the scalar one-pass one: a 64-bit lane product built from three 32-bit ones costs
     * more than the scalar {@code mulx} and {@code imul} it replaces.
     */
    static final Set<String> VECTORISED = Set.of("add", "sub", "negate", "reduce_lazy", "multiply", "multiply_add");

    private static final boolean ALL_ON_VECTORS = "all".equals(System.getProperty(KERNELS_PROPERTY));
    private static final boolean VECTOR_NTT = vector("forward_ntt");
    private static final boolean VECTOR_INVERSE_NTT = vector("inverse_ntt");
    private static final boolean VECTOR_TENSOR = vector("tensor");
    private static final CpuBackend SCALAR = new CpuBackend();

    /** True when this kernel runs on vectors in this process. */
    static boolean vector(String kernel) {
        return ALL_ON_VECTORS || VECTORISED.contains(kernel);
    }

    @Override
    public String name() {
        return "cpu-avx2";
    }

    /** Which kernels run on vectors in this process, and whether the JVM uses AVX-512 instructions for them. */
    public String describe() {
        String kernels = ALL_ON_VECTORS ? "every kernel on vectors (-D" + KERNELS_PROPERTY + "=all)"
                : "on vectors: " + String.join(", ", new java.util.TreeSet<>(VECTORISED)) + "; scalar: the rest";
        return kernels + (Lanes.native512() ? "; the JVM runs them with AVX-512 instructions: start it with -XX:UseAVX=2 to"
                + " measure an AVX2 CPU" : "");
    }

    @Override
    public boolean available() {
        String forced = System.getProperty("based.ckks.backend");
        if ("cpu".equals(forced) || "cpu-avx512".equals(forced)) return false;
        if (ModuleLayer.boot().findModule(VectorBackend.MODULE).isEmpty()) return false;
        try {
            return Lanes256.native256();
        } catch (LinkageError e) {
            return false; // a JDK whose incubating API differs from the one compiled against
        }
    }

    /** Below VectorBackend's 2, above CpuBackend's 0. */
    @Override
    public int priority() {
        return 1;
    }

    @Override
    public void forwardNtt(Ntt tables, long[] row) {
        if (VECTOR_NTT) Avx2Ntt.forward(tables, row);
        else tables.forward(row);
    }

    @Override
    public void inverseNtt(Ntt tables, long[] row) {
        if (VECTOR_INVERSE_NTT) Avx2Ntt.inverse(tables, row);
        else tables.inverse(row);
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

    /** On vectors: four dyadic passes, as VectorBackend's; else the scalar one-pass tensor. */
    @Override
    public void tensor(long[] a0, long[] a1, long[] b0, long[] b1, long[] c0, long[] c1, long[] c2, Modulus m) {
        if (!VECTOR_TENSOR) {
            SCALAR.tensor(a0, a1, b0, b1, c0, c1, c2, m);
            return;
        }
        call(VECTOR_MULTIPLY, a0, b0, null, c0, 0, 0, m);
        call(VECTOR_MULTIPLY, a0, b1, null, c1, 0, 0, m);
        call(VECTOR_MULTIPLY_ADD, a1, b0, null, c1, 0, 0, m);
        call(VECTOR_MULTIPLY, a1, b1, null, c2, 0, 0, m);
    }

    /** One call site for every element-wise kernel, for the reason given at VectorBackend#call. */
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
    private static final int VECTOR_MULTIPLY = 10;
    private static final int VECTOR_MULTIPLY_ADD = 11;

    private static final RowKernel[] KERNELS = {
        pick("add", (a, b, c, out, x, y, m) -> Avx2Kernels.add(a, b, out, m),
                (a, b, c, out, x, y, m) -> SCALAR.add(a, b, out, m)),
        pick("sub", (a, b, c, out, x, y, m) -> Avx2Kernels.sub(a, b, out, m),
                (a, b, c, out, x, y, m) -> SCALAR.sub(a, b, out, m)),
        pick("negate", (a, b, c, out, x, y, m) -> Avx2Kernels.negate(a, out, m),
                (a, b, c, out, x, y, m) -> SCALAR.negate(a, out, m)),
        pick("multiply", (a, b, c, out, x, y, m) -> Avx2Kernels.multiply(a, b, out, m),
                (a, b, c, out, x, y, m) -> SCALAR.multiply(a, b, out, m)),
        pick("multiply_add", (a, b, c, out, x, y, m) -> Avx2Kernels.multiplyAdd(a, b, out, m),
                (a, b, c, out, x, y, m) -> SCALAR.multiplyAdd(a, b, out, m)),
        pick("multiply_constant", (a, b, c, out, x, y, m) -> Avx2Kernels.multiplyConstant(a, x, y, out, m),
                (a, b, c, out, x, y, m) -> SCALAR.multiplyConstant(a, x, y, out, m)),
        pick("mul_accumulate_lazy", (a, b, c, out, x, y, m) -> Avx2Kernels.mulAccumulateLazy(a, b, c, out, m),
                (a, b, c, out, x, y, m) -> SCALAR.mulAccumulateLazy(a, b, c, out, m)),
        pick("reduce_lazy", (a, b, c, out, x, y, m) -> Avx2Kernels.reduceLazy(out, m),
                (a, b, c, out, x, y, m) -> SCALAR.reduceLazy(out, m)),
        pick("lift_centered", (a, b, c, out, x, y, m) -> Avx2Kernels.liftCentered(a, x, m, out),
                (a, b, c, out, x, y, m) -> SCALAR.liftCentered(a, x, m, out)),
        pick("subtract_and_scale", (a, b, c, out, x, y, m) -> Avx2Kernels.subtractAndScale(out, a, x, y, m),
                (a, b, c, out, x, y, m) -> SCALAR.subtractAndScale(out, a, x, y, m)),
        (a, b, c, out, x, y, m) -> Avx2Kernels.multiply(a, b, out, m),
        (a, b, c, out, x, y, m) -> Avx2Kernels.multiplyAdd(a, b, out, m),
    };

    private static RowKernel pick(String kernel, RowKernel onVectors, RowKernel scalar) {
        return vector(kernel) ? onVectors : scalar;
    }
}
