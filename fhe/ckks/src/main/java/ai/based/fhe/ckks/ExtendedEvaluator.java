package ai.based.fhe.ckks;

import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.PolyMath;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.RnsConversion;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.ExtendedCiphertext;
import ai.based.fhe.rlwe.KeySwitcher;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.List;

/**
 * The giant steps of a baby-step giant-step linear transform in the extended basis Q P: each giant rotation is left
 * undivided by P ({@link #rotate}), the first group's sum is lifted there as P c ({@link #extend}), the terms are
 * summed ({@link #addInPlace}), and the total is divided by P and rescaled in one rounded division
 * ({@link #modDownRescale}). A transform with g giant steps then runs one division where it ran g - 1 ModDowns and a
 * rescale: per giant, 2 (l + 1) forward and 2 k inverse transforms fewer (the lazy ModDown of Bossuat, Mouchet, Troncoso-Pastoriza
 * and Hubaux's double hoisting, Eurocrypt 2021). Their baby rotations stay divided: keeping them in Q P as well needs
 * every diagonal encoded over the special primes too, which measured slower where k is large against the level and
 * took a fifth more of a miner's diagonal cache (docs/benchmarks.md).
 *
 * <p>Divided by P, an extended rotation is word for word {@link Evaluator#rotate}'s result: P c adds nothing modulo P,
 * so ModDown rounds the same way.
 *
 * <p>With the evaluator's accelerator, the rotations run there (their key accepted), and so do the lift, the sums and
 * the division when their operand is already there; the results stay in its memory, the host's residues either way.
 */
public final class ExtendedEvaluator {
    private final Evaluator evaluator;
    private final RingContext ring;
    private final KeySwitcher switcher;
    private final RnsConversion conversion;

    ExtendedEvaluator(Evaluator evaluator, KeySwitcher switcher) {
        this.evaluator = evaluator;
        this.ring = evaluator.parameters().ring();
        this.switcher = switcher;
        this.conversion = switcher.conversion();
    }

    /** P c: c in the extended basis (zero modulo the special primes). */
    public ExtendedCiphertext extend(Ciphertext c) {
        Operands.requireDegreeOne("extend", c);
        if (evaluator.resident() != null && c.isResident()) return evaluator.resident().extend(c);
        long[][][] q = new long[2][c.level() + 1][ring.n()];
        long[][][] p = new long[2][ring.pCount()][ring.n()];
        for (int d = 0; d < 2; d++) conversion.addTimesP(c.readPoly(d), q[d], c.level());
        return new ExtendedCiphertext(q, p, c.level(), c.scale());
    }

    /** c rotated left by {@code steps} (negative: right), left undivided by P: (P c_0(X^g) + x_0, x_1) over Q P. */
    public ExtendedCiphertext rotate(Ciphertext c, int steps) {
        Operands.requireDegreeOne("rotate", c);
        long g = Galois.rotationElement(steps, ring.logN());
        SwitchingKey key = evaluator.galoisKey(g, "rotate by " + steps);
        ResidentOperations resident = evaluator.resident();
        if (resident != null && resident.take(List.of(key))) return resident.rotateExtended(c, key);
        int[] permutation = evaluator.permutation(g);
        int n = ring.n();
        long[][] rotatedC1 = new long[c.level() + 1][n];
        for (int i = 0; i <= c.level(); i++) Galois.apply(c.readPoly(1)[i], permutation, rotatedC1[i]);
        KeySwitcher.Undivided switched = switcher.switchKeyUndivided(rotatedC1, c.level(), key);
        long[] rotated = new long[n];
        for (int t = 0; t <= c.level(); t++) {
            Galois.apply(c.readPoly(0)[t], permutation, rotated);
            conversion.addTimesP(rotated, switched.q()[0][t], t);
        }
        return new ExtendedCiphertext(switched.q(), switched.p(), c.level(), c.scale());
    }

    /** acc += x, in place. */
    public void addInPlace(ExtendedCiphertext acc, ExtendedCiphertext x) {
        Operands.requireLevel("add", acc.level(), x.level());
        Operands.requireSameScale("add", acc.scale(), x.scale());
        ResidentOperations resident = evaluator.resident();
        if (resident != null && (acc.rows().isResident() || x.rows().isResident())) {
            resident.addExtendedInPlace(acc, x);
            return;
        }
        long[][][] accQ = acc.q();
        long[][][] accP = acc.p();
        long[][][] xQ = x.q();
        long[][][] xP = x.p();
        for (int d = 0; d < 2; d++) {
            for (int t = 0; t <= x.level(); t++) PolyMath.add(accQ[d][t], xQ[d][t], accQ[d][t], ring.modulus(t));
            for (int j = 0; j < ring.pCount(); j++) PolyMath.add(accP[d][j], xP[d][j], accP[d][j], ring.modulus(ring.pIndex(j)));
        }
    }

    /** The ciphertext x holds: x / P, rounded. Consumes x (its rows become the result's). The tests' reference. */
    Ciphertext modDown(ExtendedCiphertext x) {
        long[][][] q = x.q();
        long[][][] p = x.p();
        for (int d = 0; d < 2; d++) conversion.divideByP(q[d], x.level(), p[d]);
        return new Ciphertext(q, x.level(), x.scale());
    }

    /** x / (P q_level), rounded once: ModDown and rescaling together (level - 1, scale / q_level). Consumes x. */
    public Ciphertext modDownRescale(ExtendedCiphertext x) {
        int level = x.level();
        if (level == 0) throw new IllegalArgumentException("cannot rescale: the ciphertext is at level 0 (depth exhausted)");
        if (evaluator.resident() != null && x.rows().isResident()) return evaluator.resident().modDownRescale(x, ring.modulus(level).q);
        long[][][] q = x.q();
        long[][][] p = x.p();
        long[][][] polys = new long[2][][];
        for (int d = 0; d < 2; d++) {
            conversion.divideExtendedByPAndLastPrime(q[d], level, p[d]);
            polys[d] = java.util.Arrays.copyOf(q[d], level);
        }
        return new Ciphertext(polys, level - 1, x.scale() / ring.modulus(level).q);
    }
}
