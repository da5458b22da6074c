package ai.based.fhe.ckks;

import java.util.List;

/**
 * CKKS parameters as written, unchecked: ring degree 2^logN, bit sizes of the ciphertext primes (q_0 first, the
 * ones consumed by rescaling after it) and of the special key-switching primes, and the default scale 2^logScale.
 * SEAL's "primes [60,40,40,60]" is logQ = [60,40,40], logP = [60].
 */
public record ParametersLiteral(int logN, List<Integer> logQ, List<Integer> logP, int logScale) {
    public ParametersLiteral {
        logQ = List.copyOf(logQ);
        logP = List.copyOf(logP);
    }

    public int logQP() {
        return logQ.stream().mapToInt(Integer::intValue).sum() + logP.stream().mapToInt(Integer::intValue).sum();
    }

    /** N = 8192, primes [60,40,40,60], scale 2^40: depth 2. */
    public static final ParametersLiteral N8192 = new ParametersLiteral(13, List.of(60, 40, 40), List.of(60), 40);

    /** N = 16384, primes [60,40,40,40,40,40,40,60], scale 2^40: depth 6. */
    public static final ParametersLiteral N16384 = new ParametersLiteral(14, List.of(60, 40, 40, 40, 40, 40, 40), List.of(60), 40);
}
