package ai.based.fhe.ckks;

import ai.based.fhe.rlwe.Ciphertext;
import java.util.function.IntToLongFunction;

/**
 * The evaluator's refusals of operands that do not fit together, each with a message that says which step is missing
 * (rescale, drop a level, relinearize), and its per-prime constants.
 */
final class Operands {
    private static final double SCALE_TOLERANCE = 1e-9;

    private Operands() {}

    static void requireCompatible(String action, Ciphertext a, Ciphertext b) {
        requireLevel(action, a.level(), b.level());
        requireSameScale(action, a.scale(), b.scale());
    }

    static void requireLevel(String action, int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("cannot " + action + ": levels " + a + " and " + b
                    + " differ; drop the higher operand to level " + Math.min(a, b) + " first");
        }
    }

    static void requireSameScale(String action, double a, double b) {
        if (Math.abs(a - b) > SCALE_TOLERANCE * Math.max(a, b)) {
            throw new IllegalArgumentException(String.format("cannot %s: scales 2^%.2f and 2^%.2f differ; rescale or "
                    + "re-encode so they match", action, Math.log(a) / Math.log(2), Math.log(b) / Math.log(2)));
        }
    }

    static void requireDegreeOne(String action, Ciphertext c) {
        if (c.degree() != 1) throw new IllegalArgumentException("cannot " + action + ": relinearize first");
    }

    static void requireRescalable(Ciphertext c) {
        if (c.level() == 0) throw new IllegalArgumentException("cannot rescale: the ciphertext is at level 0 (depth exhausted)");
    }

    /** {@code residue.applyAsLong(i)} for the primes of rows 0..level. */
    static long[] perPrime(int level, IntToLongFunction residue) {
        long[] out = new long[level + 1];
        for (int i = 0; i <= level; i++) out[i] = residue.applyAsLong(i);
        return out;
    }
}
