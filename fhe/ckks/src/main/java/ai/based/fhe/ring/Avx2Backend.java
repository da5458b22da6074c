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
 * run on vectors here ({@link #VECTORISED}): additions, negation, the lazy reduction and the Barrett products. Every
 * kernel with a Shoup product lost (the transforms, the key-switching accumulation, the lift, the constant products:
 * up to 2.2x slower), and so did the four-pass tensor against the scalar one-pass one: a 64-bit lane product built
 * from three 32-bit ones costs more than the scalar {@code mulx} and {@code imul} it replaces. Those run
 * {@link CpuBackend}'s loops. The figures, and the commit of the full four-lane port they were measured with, are in
 * docs/benchmarks.md. Results are the scalar kernels' bit for bit. Like VectorBackend, this class names no vector type.
 */
public final class Avx2Backend implements ComputeBackend {
    /** The kernels on vectors here (KernelGuard's names); the rest are CpuBackend's. */
    static final Set<String> VECTORISED = Set.of("add", "sub", "negate", "reduce_lazy", "multiply", "multiply_add");

    private static final CpuBackend SCALAR = new CpuBackend();

    @Override
    public String name() {
        return "cpu-avx2";
    }

    /** Which kernels run on vectors, and whether the JVM uses AVX-512 instructions for them. */
    public String describe() {
        return "on vectors: " + String.join(", ", new java.util.TreeSet<>(VECTORISED)) + "; scalar: the rest"
                + (Lanes.native512() ? "; the JVM runs them with AVX-512 instructions: start it with -XX:UseAVX=2 to"
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
        tables.forward(row);
    }

    @Override
    public void inverseNtt(Ntt tables, long[] row) {
        tables.inverse(row);
    }

    @Override
    public void mulAccumulateLazy(long[] x, long[] w, long[] wShoup, long[] acc, Modulus m) {
        SCALAR.mulAccumulateLazy(x, w, wShoup, acc, m);
    }

    @Override
    public void reduceLazy(long[] row, Modulus m) {
        call(REDUCE_LAZY, null, null, row, m);
    }

    @Override
    public void liftCentered(long[] residues, long sourceModulus, Modulus target, long[] out) {
        SCALAR.liftCentered(residues, sourceModulus, target, out);
    }

    @Override
    public void add(long[] a, long[] b, long[] out, Modulus m) {
        call(ADD, a, b, out, m);
    }

    @Override
    public void sub(long[] a, long[] b, long[] out, Modulus m) {
        call(SUB, a, b, out, m);
    }

    @Override
    public void subtractAndScale(long[] row, long[] subtrahend, long c, long cShoup, Modulus m) {
        SCALAR.subtractAndScale(row, subtrahend, c, cShoup, m);
    }

    @Override
    public void negate(long[] a, long[] out, Modulus m) {
        call(NEGATE, a, null, out, m);
    }

    @Override
    public void multiply(long[] a, long[] b, long[] out, Modulus m) {
        call(MULTIPLY, a, b, out, m);
    }

    @Override
    public void multiplyAdd(long[] a, long[] b, long[] acc, Modulus m) {
        call(MULTIPLY_ADD, a, b, acc, m);
    }

    @Override
    public void multiplyConstant(long[] a, long c, long cShoup, long[] out, Modulus m) {
        SCALAR.multiplyConstant(a, c, cShoup, out, m);
    }

    @Override
    public void tensor(long[] a0, long[] a1, long[] b0, long[] b1, long[] c0, long[] c1, long[] c2, Modulus m) {
        SCALAR.tensor(a0, a1, b0, b1, c0, c1, c2, m);
    }

    /** One call site for every element-wise kernel, for the reason given at VectorBackend#call. */
    private static void call(int kernel, long[] a, long[] b, long[] out, Modulus m) {
        KERNELS[kernel].run(a, b, out, m);
    }

    /** One element-wise kernel with its operands (unused ones null). */
    private interface RowKernel {
        void run(long[] a, long[] b, long[] out, Modulus m);
    }

    private static final int ADD = 0;
    private static final int SUB = 1;
    private static final int NEGATE = 2;
    private static final int MULTIPLY = 3;
    private static final int MULTIPLY_ADD = 4;
    private static final int REDUCE_LAZY = 5;

    private static final RowKernel[] KERNELS = {
        (a, b, out, m) -> Avx2Kernels.add(a, b, out, m),
        (a, b, out, m) -> Avx2Kernels.sub(a, b, out, m),
        (a, b, out, m) -> Avx2Kernels.negate(a, out, m),
        (a, b, out, m) -> Avx2Kernels.multiply(a, b, out, m),
        (a, b, out, m) -> Avx2Kernels.multiplyAdd(a, b, out, m),
        (a, b, out, m) -> Avx2Kernels.reduceLazy(out, m),
    };
}
