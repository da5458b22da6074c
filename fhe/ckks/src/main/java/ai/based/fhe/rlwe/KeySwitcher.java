package ai.based.fhe.rlwe;

import ai.based.fhe.compute.ComputeBackend;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.RnsConversion;

/**
 * Hybrid key switching with special primes P: decompose c into its digits ({@link KeyDigits}: one prime each with
 * one special prime, SEAL's scheme; groups of primes with several, Han and Ki's), lift each to all primes (ModUp),
 * take the inner product with the key, divide by P (ModDown). The decomposition can be computed once and reused
 * for many Galois keys (hoisting), since an automorphism commutes with it.
 *
 * <p>A single switch never holds the lifted digits: for each target prime it lifts one digit at a time into one
 * scratch row and folds it into the accumulators while the row is still in cache (SEAL's loop order). Holding
 * them all (digits x primes rows, 7.3 MB at N = 16384 with one-prime digits) is only worth it when many keys share
 * them.
 */
public final class KeySwitcher {
    private final RingContext ring;
    private final ComputeBackend kernels;
    private final RnsConversion conversion;
    private final LimbParallelism limbs;
    private final KeyDigits layout;

    public KeySwitcher(RingContext ring) {
        this(ring, LimbParallelism.INLINE);
    }

    public KeySwitcher(RingContext ring, LimbParallelism limbs) {
        this.ring = ring;
        this.kernels = ring.backend();
        this.conversion = new RnsConversion(ring, limbs);
        this.limbs = limbs;
        this.layout = KeyDigits.of(ring);
    }

    /** The lifted digits of c at {@code level}: [digit][target prime index in 0..level, then P][coefficient]. */
    public long[][][] decompose(long[][] c, int level) {
        int targets = level + 1 + ring.pCount();
        long[][] scaled = scaledCoefficients(c, level);
        int count = layout.countAt(level);
        long[][][] digits = new long[count][targets][];
        limbs.forEach(count * targets, task -> {
            int g = task / targets;
            int prime = prime(task % targets, level);
            long[] row = new long[ring.n()];
            long[] lifted = digit(c, scaled, g, level, prime, row);
            // the digits outlive c, so its own rows are copied
            digits[g][task % targets] = lifted == row ? row : lifted.clone();
        });
        return digits;
    }

    /** (d_0, d_1) with d_0 + d_1 s ~ c s' for the key's s', at {@code level}. */
    public long[][][] switchKey(long[][] c, int level, SwitchingKey key) {
        return divideByP(switchKeyUndivided(c, level, key), level);
    }

    /**
     * The key switch before its division by P: (x_0, x_1) over q_0..q_level and the special primes, with
     * x_0 + x_1 s ~ P c s'. For {@link RnsConversion#divideByPAndLastPrime}, which divides by P and rescales at once,
     * and for rotations whose sum is divided once (the linear transforms' giant steps, {@code ExtendedEvaluator}).
     */
    public Undivided switchKeyUndivided(long[][] c, int level, SwitchingKey key) {
        long[][] scaled = scaledCoefficients(c, level);
        return accumulate(level, key, (g, prime, scratch) -> digit(c, scaled, g, level, prime, scratch));
    }

    /** A key switch's rows before ModDown: {@code q[d]} over q_0..q_level and {@code p[d]} over the special primes. */
    public record Undivided(long[][][] q, long[][][] p) {}

    /** The key switch of already decomposed digits. */
    public long[][][] innerProduct(long[][][] digits, int level, SwitchingKey key) {
        return divideByP(accumulate(level, key, (g, prime, scratch) -> digits[g][targetIndex(prime, level)]), level);
    }

    /**
     * The key switch of the digits of c(X^g), given the digits of c (a hoisted rotation): each digit row is permuted
     * into the scratch row as it is used.
     */
    public long[][][] innerProduct(long[][][] digits, int[] permutation, int level, SwitchingKey key) {
        return divideByP(accumulate(level, key, (g, prime, scratch) -> {
            Galois.apply(digits[g][targetIndex(prime, level)], permutation, scratch);
            return scratch;
        }), level);
    }

    public RnsConversion conversion() {
        return conversion;
    }

    /** Digit g's row under {@code prime}, NTT form; may be written into {@code scratch}. */
    private interface DigitRows {
        long[] row(int g, int prime, long[] scratch);
    }

    private long[][][] divideByP(Undivided x, int level) {
        conversion.divideByP(x.q()[0], level, x.p()[0]);
        conversion.divideByP(x.q()[1], level, x.p()[1]);
        return x.q();
    }

    private Undivided accumulate(int level, SwitchingKey key, DigitRows digits) {
        int n = ring.n();
        int k = ring.pCount();
        int count = layout.countAt(level);
        if (key.maxLevel(ring) < level) {
            throw new IllegalArgumentException("the switching key serves levels up to " + key.maxLevel(ring) + ", the ciphertext is at level " + level);
        }
        if (key.b().length < count) {
            throw new IllegalArgumentException("the switching key has " + key.b().length + " digits, a ciphertext at level " + level + " needs " + count);
        }
        long[][] q0 = new long[level + 1][];
        long[][] q1 = new long[level + 1][];
        long[][] p0 = new long[k][];
        long[][] p1 = new long[k][];
        boolean lean = key.isLean();
        limbs.forEach(level + 1 + k, t -> {
            int prime = prime(t, level);
            Modulus m = ring.modulus(prime);
            long[] acc0 = new long[n];
            long[] acc1 = new long[n];
            long[] scratch = new long[n];
            long[] uniform = key.isCompact() ? new long[n] : null;
            for (int g = 0; g < count; g++) {
                long[] d = digits.row(g, prime, scratch);
                if (lean) {
                    // Barrett products keep acc in [0, q), inside the lazy range reduceLazy expects
                    kernels.multiplyAdd(d, key.b()[g][prime], acc0, m);
                    kernels.multiplyAdd(d, key.uniformRow(g, prime, m, uniform), acc1, m);
                } else {
                    kernels.mulAccumulateLazy(d, key.b()[g][prime], key.bShoup()[g][prime], acc0, m);
                    kernels.mulAccumulateLazy(d, key.a()[g][prime], key.aShoup()[g][prime], acc1, m);
                }
            }
            kernels.reduceLazy(acc0, m);
            kernels.reduceLazy(acc1, m);
            if (t <= level) {
                q0[t] = acc0;
                q1[t] = acc1;
            } else {
                p0[t - level - 1] = acc0;
                p1[t - level - 1] = acc1;
            }
        });
        return new Undivided(new long[][][] {q0, q1}, new long[][][] {p0, p1});
    }

    /**
     * The rows of c in the coefficient domain, each multiplied by [(Q_j / q_i)^-1]_{q_i} for its digit's primes Q_j
     * at this level (the first step of fast base conversion; nothing for a digit of one prime).
     */
    private long[][] scaledCoefficients(long[][] c, int level) {
        long[][] coefficients = new long[level + 1][];
        limbs.forEach(level + 1, i -> {
            coefficients[i] = c[i].clone();
            ring.inverse(i, coefficients[i]);
            int g = layout.digitOf(i);
            int first = layout.first(g);
            int last = layout.last(g, level);
            if (first != last) {
                Modulus m = ring.modulus(i);
                long factor = conversion.groupHatInverse(first, last, i);
                kernels.multiplyConstant(coefficients[i], factor, m.shoup(factor), coefficients[i], m);
            }
        });
        return coefficients;
    }

    /** Digit g (c modulo the digit's primes at {@code level}) under {@code prime}, NTT form: c's own row for a prime of the digit. */
    private long[] digit(long[][] c, long[][] scaled, int g, int level, int prime, long[] scratch) {
        int first = layout.first(g);
        int last = layout.last(g, level);
        if (prime >= first && prime <= last) return c[prime];
        if (first == last) {
            conversion.liftInto(scaled[first], ring.modulus(first).q, prime, scratch);
        } else {
            conversion.convertInto(scaled, first, last, prime, scratch);
        }
        return scratch;
    }

    /** The prime of target index t: q_0..q_level, then the special primes. */
    private int prime(int t, int level) {
        return t <= level ? t : ring.pIndex(t - level - 1);
    }

    private int targetIndex(int prime, int level) {
        return prime < ring.qCount() ? prime : level + 1 + prime - ring.qCount();
    }
}
