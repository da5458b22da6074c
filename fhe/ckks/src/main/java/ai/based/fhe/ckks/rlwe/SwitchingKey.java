package ai.based.fhe.ckks.rlwe;

/**
 * A hybrid key-switching key from s' to s: for each digit j (one ciphertext prime each) an encryption
 * (b_j, a_j) = (-a_j s + e_j + P [Q/q_j]^-1... s', a_j) over all primes, NTT form, indexed [digit][prime][coefficient].
 * Relinearisation (s' = s^2), rotations (s' = s(X^g)) and conjugation use the same form.
 */
public record SwitchingKey(long galoisElement, long[][][] b, long[][][] a) {
    /** The element marking a relinearisation key, which is not a Galois key. */
    public static final long RELINEARIZATION = 0;
}
