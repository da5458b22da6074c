package ai.based.fhe.ring;

import ai.based.fhe.compute.ComputeBackend;

/**
 * The pure-Java kernels on AVX-512 through the JDK's Vector API ({@code jdk.incubator.vector}). Chosen over the
 * scalar {@link CpuBackend} when the JVM was started with {@code --add-modules jdk.incubator.vector} and the
 * hardware runs eight-lane long vectors; {@code -Dbased.ckks.backend=cpu} turns it off (for A/B measurements).
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
        if ("cpu".equals(System.getProperty("based.ckks.backend"))) return false;
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) return false;
        try {
            return Lanes.native512();
        } catch (LinkageError e) {
            return false; // a JDK whose incubating API differs from the one compiled against
        }
    }

    @Override
    public int priority() {
        return 1;
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
        VectorKernels.mulAccumulateLazy(x, w, wShoup, acc, m);
    }

    @Override
    public void reduceLazy(long[] row, Modulus m) {
        VectorKernels.reduceLazy(row, m);
    }

    @Override
    public void liftCentered(long[] residues, long sourceModulus, Modulus target, long[] out) {
        VectorKernels.liftCentered(residues, sourceModulus, target, out);
    }

    @Override
    public void add(long[] a, long[] b, long[] out, Modulus m) {
        VectorKernels.add(a, b, out, m);
    }

    @Override
    public void sub(long[] a, long[] b, long[] out, Modulus m) {
        VectorKernels.sub(a, b, out, m);
    }

    @Override
    public void subtractAndScale(long[] row, long[] subtrahend, long c, long cShoup, Modulus m) {
        VectorKernels.subtractAndScale(row, subtrahend, c, cShoup, m);
    }

    @Override
    public void negate(long[] a, long[] out, Modulus m) {
        VectorKernels.negate(a, out, m);
    }

    @Override
    public void multiply(long[] a, long[] b, long[] out, Modulus m) {
        VectorKernels.multiply(a, b, out, m);
    }

    @Override
    public void multiplyAdd(long[] a, long[] b, long[] acc, Modulus m) {
        VectorKernels.multiplyAdd(a, b, acc, m);
    }

    @Override
    public void multiplyConstant(long[] a, long c, long cShoup, long[] out, Modulus m) {
        VectorKernels.multiplyConstant(a, c, cShoup, out, m);
    }

    @Override
    public void tensor(long[] a0, long[] a1, long[] b0, long[] b1, long[] c0, long[] c1, long[] c2, Modulus m) {
        VectorKernels.tensor(a0, a1, b0, b1, c0, c1, c2, m);
    }
}
