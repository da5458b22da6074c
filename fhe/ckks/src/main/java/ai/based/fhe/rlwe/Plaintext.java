package ai.based.fhe.rlwe;

/** An encoded message: NTT rows 0..level of an integer polynomial carrying values scaled by {@code scale}. */
public record Plaintext(long[][] rows, int level, double scale) {}
