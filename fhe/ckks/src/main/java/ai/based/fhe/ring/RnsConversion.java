package ai.based.fhe.ring;

/**
 * Moving a polynomial between RNS bases: the exact lift of a small (single-prime) residue into other primes
 * (ModUp of a one-prime digit), fast base conversion of a group of residues (ModUp of a grouped digit), and rounded
 * division by a product of primes with an exact conversion of the remainder: by the special primes P (ModDown), by the
 * level's last prime (rescaling), or by both at once (a key switch's result rescaled).
 */
public final class RnsConversion {
    private final RingContext ring;
    private final LimbParallelism limbs;
    /** Dividing by P, the product of the special primes (ModDown). */
    private final Divisor byP;
    /** Dividing by q_l, indexed by l >= 1: rescaling (null at 0). */
    private final Divisor[] byLast;
    /** Dividing by P q_l, indexed by l >= 1: ModDown and rescaling in one (null at 0). */
    private final Divisor[] byPAndLast;
    /**
     * The converted rows of ModDown and rescaling, one per q prime, reused from one call to the next: a fresh row
     * costs its zeroing (and fresh heap its first touch). Interleaved A/B in one JVM (issue 17, AVX-512, pre-touched
     * heap, load 4-8): rescale 5-7% faster at N = 8192 (0.155 -> 0.146 ms), 2-18% at N = 16384; ModDown of both
     * components 4.5-6% at N = 8192, 3-7% at N = 16384.
     */
    private final SpareRows spareRows;

    public RnsConversion(RingContext ring) {
        this(ring, LimbParallelism.INLINE);
    }

    public RnsConversion(RingContext ring, LimbParallelism limbs) {
        this.ring = ring;
        this.limbs = limbs;
        int k = ring.pCount();
        int qCount = ring.qCount();
        int[] special = new int[k];
        for (int j = 0; j < k; j++) special[j] = ring.pIndex(j);
        byP = new Divisor(ring, special);
        byLast = new Divisor[qCount];
        byPAndLast = new Divisor[qCount];
        for (int l = 1; l < qCount; l++) {
            byLast[l] = new Divisor(ring, new int[] {l});
            int[] dropped = java.util.Arrays.copyOf(special, k + 1);
            dropped[k] = l;
            byPAndLast[l] = new Divisor(ring, dropped);
        }
        spareRows = new SpareRows(2 * qCount + 1, ring.n());
    }

    /**
     * The constants of dividing by D, the product of the primes {@code primes} (NTT indices), with rounding, for every
     * q prime outside D. Public for an accelerator that divides as this class does.
     *
     * @param hatInverse [(D/d_j)^-1]_{d_j}
     * @param hatModQ [D/d_j]_{q_t}, indexed [j][t]
     * @param inverseModQ [D^-1]_{q_t}
     * @param modQ [D]_{q_t}
     * @param reciprocal 1 / d_j as a double: the exact (centred) conversion's estimate of the multiple of D
     */
    public record Divisor(int[] primes, long[] hatInverse, long[][] hatModQ, long[] inverseModQ, long[] modQ, double[] reciprocal) {
        Divisor(RingContext ring, int[] primes) {
            this(primes, new long[primes.length], new long[primes.length][ring.qCount()], new long[ring.qCount()],
                    new long[ring.qCount()], new double[primes.length]);
            for (int j = 0; j < primes.length; j++) {
                Modulus dj = ring.modulus(primes[j]);
                reciprocal[j] = 1.0 / dj.q;
                hatInverse[j] = dj.inverse(productModulo(ring, primes, j, dj));
                for (int t = 0; t < ring.qCount(); t++) {
                    if (!dividesBy(t)) hatModQ[j][t] = productModulo(ring, primes, j, ring.modulus(t));
                }
            }
            for (int t = 0; t < ring.qCount(); t++) {
                if (dividesBy(t)) continue;
                modQ[t] = productModulo(ring, primes, -1, ring.modulus(t));
                inverseModQ[t] = ring.modulus(t).inverse(modQ[t]);
            }
        }

        /** The product of the primes but the one at {@code skipped} (none for -1), modulo m. */
        private static long productModulo(RingContext ring, int[] primes, int skipped, Modulus m) {
            long product = 1;
            for (int i = 0; i < primes.length; i++) {
                if (i != skipped) product = m.mul(product, ring.modulus(primes[i]).q % m.q);
            }
            return product;
        }

        private boolean dividesBy(int prime) {
            for (int p : primes) if (p == prime) return true;
            return false;
        }

        int count() {
            return primes.length;
        }
    }

    /** The constants of dividing by P q_level (ModDown and rescaling in one), level >= 1: a copy, for an accelerator. */
    public Divisor divisorByPAndLastPrime(int level) {
        if (level < 1 || level >= ring.qCount()) throw new IllegalArgumentException("no division by P q_" + level);
        return copyOf(byPAndLast[level]);
    }

    /** The constants of dividing by P (ModDown): a copy, for an accelerator. */
    public Divisor divisorByP() {
        return copyOf(byP);
    }

    private static Divisor copyOf(Divisor d) {
        long[][] hatModQ = new long[d.hatModQ().length][];
        for (int j = 0; j < hatModQ.length; j++) hatModQ[j] = d.hatModQ()[j].clone();
        return new Divisor(d.primes().clone(), d.hatInverse().clone(), hatModQ, d.inverseModQ().clone(), d.modQ().clone(), d.reciprocal().clone());
    }

    /**
     * Reduces coefficients given modulo one prime (values in [0, q_src), coefficient domain) into prime {@code target}
     * and transforms to the NTT domain. The values are small integers, so this is exact.
     */
    public void liftInto(long[] coefficients, long sourceModulus, int target, long[] out) {
        ring.backend().liftCentered(coefficients, sourceModulus, ring.modulus(target), out);
        ring.forward(target, out);
    }

    /** [(Q_S / q_i)^-1]_{q_i} for the primes S = first..last: the factor residue i takes before {@link #convertInto}. */
    public long groupHatInverse(int first, int last, int i) {
        return ring.modulus(i).inverse(groupHat(first, last, i, i));
    }

    /** [Q_S / q_i]_{q_target} for the primes S = first..last: residue i's factor in {@link #convertInto}'s sum. */
    public long groupHat(int first, int last, int i, int target) {
        Modulus t = ring.modulus(target);
        long hat = 1;
        for (int k = first; k <= last; k++) {
            if (k != i) hat = t.mul(hat, ring.modulus(k).q % t.q);
        }
        return hat;
    }

    /**
     * Fast base conversion, the ModUp of a digit of several primes: from y_i = [x_i (Q_S / q_i)^-1]_{q_i} for the
     * primes S = first..last (coefficient domain, values below q_i), writes x + u Q_S modulo {@code target} (NTT form)
     * for some integer 0 <= u < |S| per coefficient. Key switching tolerates the multiple of Q_S: the key's gadget for
     * the digit vanishes modulo Q_S and modulo P.
     */
    public void convertInto(long[][] scaled, int first, int last, int target, long[] out) {
        Modulus t = ring.modulus(target);
        for (int i = first; i <= last; i++) {
            long hat = groupHat(first, last, i, target);
            // Shoup's product is exact for any 64-bit multiplicand, so y_i need not be reduced below q_target first
            if (i == first) ring.backend().multiplyConstant(scaled[i], hat, t.shoup(hat), out, t);
            else ring.backend().multiplyConstantAdd(scaled[i], hat, t.shoup(hat), out, t);
        }
        ring.forward(target, out);
    }

    /**
     * ModDown: given rows over q_0..q_level (NTT) and over the special primes (NTT), replaces the q rows with
     * round(x / P). {@code pRows} are consumed. With several special primes the residue x mod P is converted exactly,
     * as a centred integer (Halevi, Polyakov and Shoup's correction: the multiple of P that fast base conversion adds
     * is round(sum y_j / p_j), estimated in doubles); left in, it would add up to k s to the noise, which measured 4-8x
     * the noise of one special prime.
     */
    public void divideByP(long[][] qRows, int level, long[][] pRows) {
        long[][] scratch = spareRows.borrow();
        divide(qRows, level + 1, pRows, byP, qRows, scratch);
        spareRows.giveBack(scratch); // not after a failure: limbs of the failed call may still be writing
    }

    /**
     * ModDown and rescaling in one division: given a ciphertext component c over q_0..q_level and a key switch's
     * undivided rows x over q_0..q_level and the special primes (all NTT), writes round((c P + x) / (P q_level)) into
     * {@code qRows} 0..level-1: the relinearised (or rotated) component rescaled, with one rounding instead of two.
     * Row {@code level} of {@code qRows} and {@code pRows} are consumed. Dividing once saves the forward transforms of
     * the q primes that ModDown would make and rescaling would undo at q_level: level + 1 of them per component.
     */
    public void divideByPAndLastPrime(long[][] c, long[][] qRows, int level, long[][] pRows) {
        if (level < 1) throw new IllegalArgumentException("cannot rescale: level 0 has no prime to divide by");
        addTimesP(c, qRows, level);
        divideExtendedByPAndLastPrime(qRows, level, pRows);
    }

    /**
     * {@link #divideByPAndLastPrime(long[][], long[][], int, long[][])} of rows that already hold their c P (a linear
     * transform's giant steps summed undivided in the extended basis): round(X / (P q_level)) into {@code qRows}
     * 0..level-1. Row {@code level} of {@code qRows} and {@code pRows} are consumed.
     */
    public void divideExtendedByPAndLastPrime(long[][] qRows, int level, long[][] pRows) {
        if (level < 1) throw new IllegalArgumentException("cannot rescale: level 0 has no prime to divide by");
        long[][] dropped = java.util.Arrays.copyOf(pRows, pRows.length + 1);
        dropped[pRows.length] = qRows[level];
        long[][] scratch = spareRows.borrow();
        divide(qRows, level, dropped, byPAndLast[level], qRows, scratch);
        spareRows.giveBack(scratch);
    }

    /**
     * acc_t += P c_t mod q_t for t = 0..level: c carried into the extended basis Q P, where it is P c (its residues
     * modulo the special primes are zero), so that a later division by P gives c back exactly.
     */
    public void addTimesP(long[][] c, long[][] acc, int level) {
        for (int t = 0; t <= level; t++) addTimesP(c[t], acc[t], t);
    }

    /** acc += P c mod q_t for one row of prime t. */
    public void addTimesP(long[] c, long[] acc, int t) {
        Modulus qt = ring.modulus(t);
        long pModQ = byP.modQ()[t];
        ring.backend().multiplyConstantAdd(c, pModQ, qt.shoup(pModQ), acc, qt);
    }

    /**
     * Writes round(x / D) over q_0..q_count-1 into {@code out} (which may be {@code qRows}; otherwise each result row
     * starts as a clone of its q row): the divisor's rows {@code dRows} (NTT, consumed) converted exactly into each q
     * prime, subtracted, and the difference times D^-1. The conversion's sum (several divisor primes) is exact but
     * within about 2^-50 of a tie between two roundings, where its double-precision estimate may take the other one.
     */
    private void divide(long[][] qRows, int count, long[][] dRows, Divisor divisor, long[][] out, long[][] scratch) {
        int k = divisor.count();
        for (int j = 0; j < k; j++) {
            int prime = divisor.primes()[j];
            ring.inverse(prime, dRows[j]);
            long hatInverse = divisor.hatInverse()[j];
            if (hatInverse != 1) PolyMath.mulScalar(dRows[j], hatInverse, dRows[j], ring.modulus(prime));
        }
        long[] multiples = k == 1 ? null : multiplesOf(dRows, divisor);
        int qCount = ring.qCount();
        limbs.forEach(count, t -> {
            if (out != qRows) out[t] = qRows[t].clone();
            divide(out[t], dRows, divisor, multiples, t, spareRows.row(scratch, t), k == 1 ? null : spareRows.row(scratch, qCount + t));
        });
    }

    /** Per coefficient, round(sum_j y_j / d_j): how many times D the fast conversion of y overshoots the centred x mod D. */
    private long[] multiplesOf(long[][] scaled, Divisor divisor) {
        double[] reciprocal = divisor.reciprocal();
        long[] multiples = new long[ring.n()];
        for (int i = 0; i < multiples.length; i++) {
            double sum = 0;
            for (int j = 0; j < scaled.length; j++) sum += scaled[j][i] * reciprocal[j];
            multiples[i] = Math.round(sum);
        }
        return multiples;
    }

    private void divide(long[] qRow, long[][] dRows, Divisor divisor, long[] multiples, int t, long[] converted, long[] spare) {
        Modulus qt = ring.modulus(t);
        if (multiples == null) {
            liftInto(dRows[0], ring.modulus(divisor.primes()[0]).q, t, converted);
        } else {
            // Shoup's product is exact for any 64-bit multiplicand: y_j < d_j need not be reduced below q_t first
            for (int j = 0; j < dRows.length; j++) {
                long h = divisor.hatModQ()[j][t];
                if (j == 0) ring.backend().multiplyConstant(dRows[j], h, qt.shoup(h), converted, qt);
                else ring.backend().multiplyConstantAdd(dRows[j], h, qt.shoup(h), converted, qt);
            }
            long d = divisor.modQ()[t];
            ring.backend().multiplyConstant(multiples, d, qt.shoup(d), spare, qt);
            ring.backend().sub(converted, spare, converted, qt);
            ring.forward(t, converted);
        }
        long inverse = divisor.inverseModQ()[t];
        ring.backend().subtractAndScale(qRow, converted, inverse, qt.shoup(inverse), qt);
    }

    /**
     * Rescale: round(x / q_level) over q_0..q_level-1, in fresh rows; {@code rows} (q_0..q_level, NTT) are left as they
     * are. Only the top row is copied (into a reused row, for its inverse transform); each result starts as a clone of
     * its own row. Cloning all rows and working in place cost 4-6% more at N = 8192.
     */
    public long[][] divideByLastPrime(long[][] rows, int level) {
        if (level < 1) throw new IllegalArgumentException("cannot rescale: level 0 has no prime to divide by");
        long[][] scratch = spareRows.borrow();
        long[] top = spareRows.row(scratch, 2 * ring.qCount()); // beside the rows divide() uses
        System.arraycopy(rows[level], 0, top, 0, top.length);
        long[][] out = new long[level][];
        divide(rows, level, new long[][] {top}, byLast[level], out, scratch);
        spareRows.giveBack(scratch);
        return out;
    }

    /**
     * One set of rows per thread, lent to one call at a time: a call that starts on a thread whose set is out (a pool
     * thread running another task while it waits for its limbs) gets a fresh set. Within a call, limb t (on whichever
     * thread) writes rows t and qCount + t only; row 2 qCount holds a rescaled polynomial's top row for all limbs to
     * read.
     */
    private static final class SpareRows {
        private final ThreadLocal<long[][]> spare = new ThreadLocal<>();
        private final int count;
        private final int n;

        SpareRows(int count, int n) {
            this.count = count;
            this.n = n;
        }

        long[][] borrow() {
            long[][] rows = spare.get();
            if (rows == null) return new long[count][];
            spare.set(null);
            return rows;
        }

        long[] row(long[][] rows, int t) {
            if (rows[t] == null) rows[t] = new long[n];
            return rows[t];
        }

        void giveBack(long[][] rows) {
            spare.set(rows);
        }
    }
}
