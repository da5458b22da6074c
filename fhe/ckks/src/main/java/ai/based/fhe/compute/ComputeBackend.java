package ai.based.fhe.compute;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.Ntt;


/**
 * The compute SPI: the hot kernels of the library, behind a service interface so that an accelerator (the gpu module, found at run
 * time through ServiceLoader) can take them over. The CPU implementation is the default and the fallback. Every
 * implementation returns the same residues bit for bit; rows are {@code long[N]} residues of one prime.
 */
public interface ComputeBackend {
    /** A short name for logs and benchmarks. */
    String name();

    /** False when the hardware or driver this backend needs is absent; it is then skipped. */
    boolean available();

    /** Higher wins among available backends; the CPU backend has 0. */
    int priority();

    void forwardNtt(Ntt tables, long[] row);

    void inverseNtt(Ntt tables, long[] row);

    /**
     * Forward NTTs of many rows, row i under {@code tables[i]} (rows of one ring degree). An accelerator does them in
     * one launch; this default loops over {@link #forwardNtt(Ntt, long[])}.
     */
    default void forwardNtt(Ntt[] tables, long[][] rows) {
        if (tables.length != rows.length) throw new IllegalArgumentException(tables.length + " tables for " + rows.length + " rows");
        for (int i = 0; i < rows.length; i++) forwardNtt(tables[i], rows[i]);
    }

    /** Inverse NTTs of many rows, row i under {@code tables[i]}; see {@link #forwardNtt(Ntt[], long[][])}. */
    default void inverseNtt(Ntt[] tables, long[][] rows) {
        if (tables.length != rows.length) throw new IllegalArgumentException(tables.length + " tables for " + rows.length + " rows");
        for (int i = 0; i < rows.length; i++) inverseNtt(tables[i], rows[i]);
    }

    /**
     * The key-switching inner product's step: {@code acc += x * w mod q} for a fixed multiplicand w (a key row) with
     * its Shoup companions. Lazy: acc enters and leaves in [0, 4q); {@link #reduceLazy} brings it to [0, q).
     */
    void mulAccumulateLazy(long[] x, long[] w, long[] wShoup, long[] acc, Modulus m);

    /** [0, 4q) into [0, q), in place. */
    void reduceLazy(long[] row, Modulus m);

    /**
     * Basis extension of one residue (ModUp of a digit, ModDown and rescaling): {@code residues} are coefficients
     * modulo {@code sourceModulus} read as centred integers (-q/2, q/2], written modulo {@code target}.
     */
    void liftCentered(long[] residues, long sourceModulus, Modulus target, long[] out);

    /** out = a + b mod q (out may be a or b). */
    void add(long[] a, long[] b, long[] out, Modulus m);

    /** out = a - b mod q (out may be a or b). */
    void sub(long[] a, long[] b, long[] out, Modulus m);

    /** row = (row - subtrahend) * c mod q for a constant c < q with its Shoup companion (the end of ModDown and rescaling). */
    void subtractAndScale(long[] row, long[] subtrahend, long c, long cShoup, Modulus m);

    // The element-wise products below have scalar bodies here so that a backend which does not accelerate them
    // (the gpu module's, say) compiles and stays correct unchanged; VectorBackend overrides each.

    /** out = -a mod q (out may be a). */
    default void negate(long[] a, long[] out, Modulus m) {
        long q = m.q;
        for (int i = 0; i < a.length; i++) {
            long x = a[i];
            out[i] = x == 0 ? 0 : q - x;
        }
    }

    /** out = a * b mod q, dyadic (NTT domain), both operands varying (out may be a or b). */
    default void multiply(long[] a, long[] b, long[] out, Modulus m) {
        for (int i = 0; i < a.length; i++) {
            out[i] = m.mul(a[i], b[i]);
        }
    }

    /** acc = acc + a * b mod q, dyadic, both operands varying; acc in [0, q). */
    default void multiplyAdd(long[] a, long[] b, long[] acc, Modulus m) {
        long q = m.q;
        for (int i = 0; i < a.length; i++) {
            long s = acc[i] + m.mul(a[i], b[i]);
            acc[i] = s >= q ? s - q : s;
        }
    }

    /**
     * acc = (acc + a * c) mod q for a constant c < q with its Shoup companion, acc in [0, q) and any 64-bit a: one
     * term of a fast base conversion's sum (ModUp of a grouped digit, ModDown), in one pass instead of a product into
     * a spare row and an addition.
     */
    default void multiplyConstantAdd(long[] a, long c, long cShoup, long[] acc, Modulus m) {
        for (int i = 0; i < a.length; i++) {
            acc[i] = m.add(acc[i], m.mulShoup(a[i], c, cShoup));
        }
    }

    /** out = a * c mod q for a constant c < q with its Shoup companion (out may be a). */
    default void multiplyConstant(long[] a, long c, long cShoup, long[] out, Modulus m) {
        for (int i = 0; i < a.length; i++) {
            out[i] = m.mulShoup(a[i], c, cShoup);
        }
    }

    /**
     * The tensor product of (a0, a1) and (b0, b1) in one prime: c0 = a0 b0, c1 = a0 b1 + a1 b0, c2 = a1 b1, dyadic.
     * The outputs must not alias the inputs.
     */
    default void tensor(long[] a0, long[] a1, long[] b0, long[] b1, long[] c0, long[] c1, long[] c2, Modulus m) {
        for (int k = 0; k < a0.length; k++) {
            long x0 = a0[k];
            long x1 = a1[k];
            long y0 = b0[k];
            long y1 = b1[k];
            c0[k] = m.mul(x0, y0);
            // the cross terms add as 128-bit values (each below 2^120) and reduce once
            long low1 = x0 * y1;
            long low2 = x1 * y0;
            long low = low1 + low2;
            long high = Math.unsignedMultiplyHigh(x0, y1) + Math.unsignedMultiplyHigh(x1, y0)
                    + (Long.compareUnsigned(low, low1) < 0 ? 1 : 0);
            c1[k] = m.reduce128(high, low);
            c2[k] = m.mul(x1, y1);
        }
    }
}
