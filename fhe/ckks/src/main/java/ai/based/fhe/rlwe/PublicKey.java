package ai.based.fhe.rlwe;

/** An encryption of zero (b, a) = (-a s + e, a) over every prime (ciphertext and special), NTT form. */
public record PublicKey(long[][] b, long[][] a) {}
