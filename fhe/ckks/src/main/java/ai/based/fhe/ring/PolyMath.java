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
        long q = m.q;
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] == 0 ? 0 : q - a[i];
        }
    }

    /** out = a * b (dyadic, NTT domain). */
    public static void mul(long[] a, long[] b, long[] out, Modulus m) {
        for (int i = 0; i < a.length; i++) {
            out[i] = m.mul(a[i], b[i]);
        }
    }

    /** acc += a * b (dyadic). */
    public static void mulAdd(long[] a, long[] b, long[] acc, Modulus m) {
        long q = m.q;
        for (int i = 0; i < a.length; i++) {
            long s = acc[i] + m.mul(a[i], b[i]);
            acc[i] = s >= q ? s - q : s;
        }
    }

    /** out = a * c for a constant c < q. */
    public static void mulScalar(long[] a, long c, long[] out, Modulus m) {
        long cShoup = m.shoup(c);
        for (int i = 0; i < a.length; i++) {
            out[i] = m.mulShoup(a[i], c, cShoup);
        }
    }
}
