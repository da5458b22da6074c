package ai.based.fhe.rlwe;

/** A ternary secret s, kept as NTT rows over every prime of the ring (ciphertext and special primes). */
public record SecretKey(long[][] rows) {}
