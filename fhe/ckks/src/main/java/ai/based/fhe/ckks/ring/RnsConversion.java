package ai.based.fhe.ckks.ring;

/**
 * Moving a polynomial between RNS bases: the exact lift of a small (single-prime) residue into other primes
 * (ModUp of one digit), and the division by the special primes P with fast base conversion (ModDown).
 */
public final class RnsConversion {
    private final RingContext ring;
    private final LimbParallelism limbs;
    /** [(P/p_j)^-1]_{p_j} */
    private final long[] pHatInv;
    /** [P/p_j]_{q_t}, indexed [j][t] */
    private final long[][] pHatModQ;
    /** [P^-1]_{q_t} */
    private final long[] pInvModQ;

    public RnsConversion(RingContext ring) {
        this(ring, LimbParallelism.INLINE);
    }

    public RnsConversion(RingContext ring, LimbParallelism limbs) {
        this.ring = ring;
        this.limbs = limbs;
        int k = ring.pCount();
        int qCount = ring.qCount();
        pHatInv = new long[k];
        pHatModQ = new long[k][qCount];
        pInvModQ = new long[qCount];
        for (int j = 0; j < k; j++) {
            Modulus pj = ring.modulus(ring.pIndex(j));
            long hat = 1;
            for (int other = 0; other < k; other++) {
                if (other != j) hat = pj.mul(hat, ring.modulus(ring.pIndex(other)).q % pj.q);
            }
            pHatInv[j] = pj.inverse(hat);
            for (int t = 0; t < qCount; t++) {
                Modulus qt = ring.modulus(t);
                long h = 1;
                for (int other = 0; other < k; other++) {
                    if (other != j) h = qt.mul(h, ring.modulus(ring.pIndex(other)).q % qt.q);
                }
                pHatModQ[j][t] = h;
            }
        }
        for (int t = 0; t < qCount; t++) {
            Modulus qt = ring.modulus(t);
            long p = 1;
            for (int j = 0; j < k; j++) p = qt.mul(p, ring.modulus(ring.pIndex(j)).q % qt.q);
            pInvModQ[t] = qt.inverse(p);
        }
    }

    /**
     * Reduces coefficients given modulo one prime (values in [0, q_src), coefficient domain) into prime {@code target}
     * and transforms to the NTT domain. The values are small integers, so this is exact.
     */
    public void liftInto(long[] coefficients, long sourceModulus, int target, long[] out) {
        Modulus m = ring.modulus(target);
        // The same centered integer in every target prime: mixing representations would lift different integers.
        long half = sourceModulus >>> 1;
        for (int i = 0; i < coefficients.length; i++) {
            long x = coefficients[i];
            out[i] = x > half ? m.neg(m.reduce64(sourceModulus - x)) : m.reduce64(x);
        }
        ring.forward(target, out);
    }

    /**
     * ModDown: given rows over q_0..q_level (NTT) and over the special primes (NTT), replaces the q rows with
     * round(x / P). {@code pRows} are consumed.
     */
    public void divideByP(long[][] qRows, int level, long[][] pRows) {
        int n = ring.n();
        int k = ring.pCount();
        for (int j = 0; j < k; j++) {
            Modulus pj = ring.modulus(ring.pIndex(j));
            ring.inverse(ring.pIndex(j), pRows[j]);
            PolyMath.mulScalar(pRows[j], pHatInv[j], pRows[j], pj);
        }
        limbs.forEach(level + 1, t -> {
            long[] converted = new long[n];
            Modulus qt = ring.modulus(t);
            if (k == 1) {
                long p = ring.modulus(ring.pIndex(0)).q;
                long half = p >>> 1;
                for (int i = 0; i < n; i++) {
                    long x = pRows[0][i];
                    converted[i] = x > half ? qt.neg(qt.reduce64(p - x)) : qt.reduce64(x);
                }
            } else {
                java.util.Arrays.fill(converted, 0);
                for (int j = 0; j < k; j++) {
                    long h = pHatModQ[j][t];
                    for (int i = 0; i < n; i++) {
                        converted[i] = qt.add(converted[i], qt.mul(qt.reduce64(pRows[j][i]), h));
                    }
                }
            }
            ring.forward(t, converted);
            long[] row = qRows[t];
            long inv = pInvModQ[t];
            long invShoup = qt.shoup(inv);
            for (int i = 0; i < n; i++) {
                row[i] = qt.mulShoup(qt.sub(row[i], converted[i]), inv, invShoup);
            }
        });
    }

    /** Rescale: replaces rows 0..level-1 by round(x / q_level) and drops row {@code level}. */
    public void divideByLastPrime(long[][] rows, int level) {
        int n = ring.n();
        Modulus last = ring.modulus(level);
        long[] top = rows[level];
        ring.inverse(level, top);
        long half = last.q >>> 1;
        limbs.forEach(level, t -> {
            long[] converted = new long[n];
            Modulus qt = ring.modulus(t);
            for (int i = 0; i < n; i++) {
                long x = top[i];
                converted[i] = x > half ? qt.neg(qt.reduce64(last.q - x)) : qt.reduce64(x);
            }
            ring.forward(t, converted);
            long inv = qt.inverse(last.q % qt.q);
            long invShoup = qt.shoup(inv);
            long[] row = rows[t];
            for (int i = 0; i < n; i++) {
                row[i] = qt.mulShoup(qt.sub(row[i], converted[i]), inv, invShoup);
            }
        });
    }
}
