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
}
