package ai.based.fhe.rlwe;

import java.util.Arrays;

/**
 * A degree-1 ciphertext in the extended basis Q P: rows over q_0..q_level ({@link #q}) and over the special primes
 * ({@link #p}), NTT form, holding P times a ciphertext at {@code level} and {@code scale}. It is what a key switch
 * leaves before its division by P (ModDown); a linear transform sums its giant steps so and divides the sum once.
 * Dividing by P gives back the ciphertext it holds, rounded.
 *
 * <p>Its rows are kept as one {@link Ciphertext} of level + 1 + k rows per polynomial ({@link #rows}), so that they
 * may live in an accelerator's memory as a ciphertext's do; {@link #q} and {@link #p} bring them to the host.
 */
public final class ExtendedCiphertext {
    private final int level;
    private final Ciphertext rows;

    public ExtendedCiphertext(long[][][] q, long[][][] p, int level, double scale) {
        this(new Ciphertext(joined(q, p, level), level + p[0].length, scale), level);
    }

    private ExtendedCiphertext(Ciphertext rows, int level) {
        if (rows.degree() != 1 || rows.level() < level) {
            throw new IllegalArgumentException("an extended ciphertext at level " + level + " has two components of at least " + (level + 1) + " rows");
        }
        this.rows = rows;
        this.level = level;
    }

    /** The extended ciphertext whose rows over Q P (q_0..q_level, then the special primes) are {@code rows}'. */
    public static ExtendedCiphertext over(Ciphertext rows, int level) {
        return new ExtendedCiphertext(rows, level);
    }

    private static long[][][] joined(long[][][] q, long[][][] p, int level) {
        if (q.length != 2 || p.length != 2) {
            throw new IllegalArgumentException("an extended ciphertext has two components, not " + q.length + " (q rows) and " + p.length + " (special-prime rows)");
        }
        if (q[0].length != level + 1 || q[1].length != level + 1) {
            throw new IllegalArgumentException("an extended ciphertext at level " + level + " has " + (level + 1) + " q rows per component");
        }
        if (p[0].length != p[1].length) throw new IllegalArgumentException("both components need rows at every special prime");
        long[][][] rows = new long[2][][];
        for (int d = 0; d < 2; d++) {
            rows[d] = Arrays.copyOf(q[d], level + 1 + p[d].length);
            System.arraycopy(p[d], 0, rows[d], level + 1, p[d].length);
        }
        return rows;
    }

    /** The rows over Q P as one ciphertext (its level() is level + k): where an accelerator holds them. */
    public Ciphertext rows() {
        return rows;
    }

    /** Rows over q_0..q_level of both components on the host, to read or write. */
    public long[][][] q() {
        return new long[][][] {Arrays.copyOfRange(rows.poly(0), 0, level + 1), Arrays.copyOfRange(rows.poly(1), 0, level + 1)};
    }

    /** Rows over the special primes of both components on the host, to read or write. */
    public long[][][] p() {
        int end = rows.level() + 1;
        return new long[][][] {Arrays.copyOfRange(rows.poly(0), level + 1, end), Arrays.copyOfRange(rows.poly(1), level + 1, end)};
    }

    public int level() {
        return level;
    }

    public double scale() {
        return rows.scale();
    }
}
