package ai.based.fhe.ring;

import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.compute.ComputeBackends;

/** Coefficient-wise arithmetic on single RNS rows. Rows are residues in [0, q). */
public final class PolyMath {
    private static final ComputeBackend KERNELS = ComputeBackends.selected();

    private PolyMath() {}

    public static void add(long[] a, long[] b, long[] out, Modulus m) {
        KERNELS.add(a, b, out, m);
    }

    public static void sub(long[] a, long[] b, long[] out, Modulus m) {
        KERNELS.sub(a, b, out, m);
    }

    public static void neg(long[] a, long[] out, Modulus m) {
        KERNELS.negate(a, out, m);
    }

    /** out = a * b (dyadic, NTT domain). */
    public static void mul(long[] a, long[] b, long[] out, Modulus m) {
        KERNELS.multiply(a, b, out, m);
    }

    /** acc += a * b (dyadic). */
    public static void mulAdd(long[] a, long[] b, long[] acc, Modulus m) {
        KERNELS.multiplyAdd(a, b, acc, m);
    }

    /** out = a * c for a constant c < q. */
    public static void mulScalar(long[] a, long c, long[] out, Modulus m) {
        KERNELS.multiplyConstant(a, c, m.shoup(c), out, m);
    }

    /** The tensor product of two degree-1 ciphertexts' rows in one prime (see ComputeBackend#tensor). */
    public static void tensor(long[] a0, long[] a1, long[] b0, long[] b1, long[] c0, long[] c1, long[] c2, Modulus m) {
        KERNELS.tensor(a0, a1, b0, b1, c0, c1, c2, m);
    }
}
