package ai.based.fhe.rlwe;

/**
 * A degree-1 ciphertext in the extended basis Q P: rows over q_0..q_level ({@code q[d]}) and over the special primes
 * ({@code p[d]}), NTT form, holding P times a ciphertext at {@code level} and {@code scale}. It is what a key switch
 * leaves before its division by P (ModDown); a linear transform sums its giant steps so and divides the sum once.
 * Dividing by P gives back the ciphertext it holds, rounded.
 */
public record ExtendedCiphertext(long[][][] q, long[][][] p, int level, double scale) {
    public ExtendedCiphertext {
        if (q.length != 2 || p.length != 2) {
            throw new IllegalArgumentException("an extended ciphertext has two components, not " + q.length + " (q rows) and " + p.length + " (special-prime rows)");
        }
        if (q[0].length != level + 1 || q[1].length != level + 1) {
            throw new IllegalArgumentException("an extended ciphertext at level " + level + " has " + (level + 1) + " q rows per component");
        }
    }
}
