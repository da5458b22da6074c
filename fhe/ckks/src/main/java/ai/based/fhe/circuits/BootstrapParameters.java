package ai.based.fhe.circuits;

import ai.based.fhe.ckks.ParametersLiteral;
import java.util.ArrayList;
import java.util.List;

/**
 * A bootstrapping parameter set: the CKKS parameters (their modulus chain holds, from the bottom, q_0, the levels
 * left for the model, SlotsToCoeffs, EvalMod and CoeffsToSlots), the number of slots bootstrapped (2^logSlots, at
 * most N/2; fewer slots are cheaper), the level budgets of the two linear transforms, the Hamming weight of the
 * ephemeral sparse secret, and EvalMod's interval K, interpolant degree and double-angle count.
 *
 * <p>K: after ModRaise the plaintext is m + q_0 I with I = round((c_0 + c_1 s') / q_0) for the sparse secret s' of
 * weight h, a sum of h + 1 terms uniform in [-1/2, 1/2] per coefficient: standard deviation sqrt((h + 1) / 12).
 */
public record BootstrapParameters(ParametersLiteral ckks, int logSlots, int coeffsToSlotsLevels, int slotsToCoeffsLevels,
        int hammingWeight, double k, int sineDegree, int doubleAngles) {

    public int slots() {
        return 1 << logSlots;
    }

    /** Standard deviations K spans for the coefficients of I (see the class comment). */
    public double kInStandardDeviations() {
        return k / Math.sqrt((hammingWeight + 1) / 12.0);
    }

    private static List<Integer> chain(int q0, int modelLevels, int modelBits, int stcLevels, int stcBits, int evalModLevels,
            int evalModBits, int ctsLevels, int ctsBits) {
        List<Integer> logQ = new ArrayList<>();
        logQ.add(q0);
        for (int i = 0; i < modelLevels; i++) logQ.add(modelBits);
        for (int i = 0; i < stcLevels; i++) logQ.add(stcBits);
        for (int i = 0; i < evalModLevels; i++) logQ.add(evalModBits);
        for (int i = 0; i < ctsLevels; i++) logQ.add(ctsBits);
        return logQ;
    }

    /**
     * N = 2^15, 2^4 slots, log2 QP = 870 (bound 881): the smallest secure set that bootstraps, used by the tests.
     * Chain: q_0 60 bits, one 40-bit level left for the model (scale 2^40), SlotsToCoeffs 50, EvalMod 10 x 60
     * (degree-31 interpolant, 3 double angles, K = 12 = 7.2 standard deviations of I for h = 32), CoeffsToSlots 60;
     * P 60. EvalMod's primes are 60 bits because its key-switching noise, about N sigma q / P per slot, is what
     * limits the precision (50-bit primes lose 10 bits).
     */
    public static final BootstrapParameters N15_SPARSE = new BootstrapParameters(
            new ParametersLiteral(15, chain(60, 1, 40, 1, 50, 10, 60, 1, 60), List.of(60), 40), 4, 1, 1, 32, 12, 31, 3);

    /**
     * N = 2^16, 4 sparse slots, the same chain as {@link #N15_SPARSE} (log2 QP = 870, far inside the 1,747-bit bound):
     * the benchmark set. More levels for the model need more primes, and with one-prime key-switching digits every
     * key grows with the square of the prime count (here 220 MB per lean key, 19 keys): the larger chains N = 2^16
     * allows wait for grouped digits in key switching.
     */
    public static final BootstrapParameters N16_SPARSE = new BootstrapParameters(
            new ParametersLiteral(16, chain(60, 1, 40, 1, 50, 10, 60, 1, 60), List.of(60), 40), 2, 1, 1, 32, 12, 31, 3);

    /**
     * N = 2^16, 4 sparse slots, four 40-bit levels left for the model (log2 QP = 990): the most this key format
     * holds in 8 GB (5.8 GB of lean keys, 17 ciphertext primes); slower than {@link #N16_SPARSE} since every key
     * switch touches (L + 1) (L + 2) rows.
     */
    public static final BootstrapParameters N16_SPARSE_4_LEVELS = new BootstrapParameters(
            new ParametersLiteral(16, chain(60, 4, 40, 1, 50, 10, 60, 1, 60), List.of(60), 40), 2, 1, 1, 32, 12, 31, 3);

    /**
     * N = 2^16, 2^13 slots (the encrypted model's layout: 128 features x 64 tokens), ten 40-bit levels left for the
     * model (attention's reciprocal takes nine of them); q_0 50 bits (see fhe/ckks/README.md: precision); CoeffsToSlots
     * and SlotsToCoeffs over three levels each (60 and 50 bits), EvalMod as above. Key switching uses grouped digits:
     * six special primes of 60 bits (P = 360 bits), digits of six primes (five digits), log2 QP = 1,740 of the 1,747
     * allowed. With one-prime digits the same chain's keys would hold 27 digits of 28 primes each, about 1.2 GB apiece;
     * here a full key holds 5 x 33 rows (173 MB lean), and SlotsToCoeffs' keys leave out the primes above their level.
     */
    public static final BootstrapParameters N16_MODEL = new BootstrapParameters(
            new ParametersLiteral(16, chain(50, 10, 40, 3, 50, 10, 60, 3, 60), java.util.Collections.nCopies(6, 60), 40), 13, 3, 3, 32, 12, 31, 3);

    /**
     * {@link #N16_MODEL}'s chain with all 2^15 complex slots bootstrapped (no SubSum): full-slot bootstrapping at a
     * secure size. Each transform level merges five FFT layers (63 diagonals) where the model's set merges four or five
     * of thirteen, so it needs more Galois keys and more rotations per bootstrap.
     */
    public static final BootstrapParameters N16_FULL = new BootstrapParameters(N16_MODEL.ckks(), 15, 3, 3, 32, 12, 31, 3);
}
