package ai.based.fhe.ckks;

import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.PolyMath;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Plaintext;

/**
 * The {@link Evaluator}'s element-wise operations on host rows, row by row with the ring's kernels; the evaluator has
 * checked the operands and chosen the host (no accelerator, or none of the operands in it).
 */
final class HostArithmetic {
    private final RingContext ring;

    HostArithmetic(RingContext ring) {
        this.ring = ring;
    }

    /** a + b into {@code destination} (b's degree at most a's: a's higher polynomials are copied). */
    void add(Ciphertext a, Ciphertext b, Ciphertext destination) {
        for (int d = 0; d <= a.degree(); d++) {
            for (int i = 0; i <= a.level(); i++) {
                long[] out = destination.poly(d)[i];
                if (d <= b.degree()) PolyMath.add(a.readPoly(d)[i], b.readPoly(d)[i], out, ring.modulus(i));
                else if (out != a.readPoly(d)[i]) System.arraycopy(a.readPoly(d)[i], 0, out, 0, ring.n());
            }
        }
    }

    /** a += b, or a -= b, in a's host rows. */
    void combine(Ciphertext a, Ciphertext b, boolean subtract) {
        if (b.degree() > a.degree()) throw new IllegalArgumentException("cannot combine: relinearize the degree-2 operand first");
        for (int d = 0; d <= b.degree(); d++) {
            for (int i = 0; i <= a.level(); i++) {
                Modulus m = ring.modulus(i);
                if (subtract) PolyMath.sub(a.poly(d)[i], b.readPoly(d)[i], a.poly(d)[i], m);
                else PolyMath.add(a.poly(d)[i], b.readPoly(d)[i], a.poly(d)[i], m);
            }
        }
    }

    Ciphertext negate(Ciphertext a) {
        Ciphertext out = a.copy();
        for (int d = 0; d <= out.degree(); d++) {
            for (int i = 0; i <= out.level(); i++) PolyMath.neg(out.poly(d)[i], out.poly(d)[i], ring.modulus(i));
        }
        return out;
    }

    Ciphertext addPlain(Ciphertext a, Plaintext p) {
        Ciphertext out = a.copy();
        for (int i = 0; i <= a.level(); i++) PolyMath.add(out.poly(0)[i], p.rows()[i], out.poly(0)[i], ring.modulus(i));
        return out;
    }

    Ciphertext mulPlain(Ciphertext a, Plaintext p) {
        // the products go straight into fresh rows: copying a first and multiplying in place read it twice
        long[][][] polys = new long[a.degree() + 1][a.level() + 1][];
        for (int d = 0; d <= a.degree(); d++) {
            for (int i = 0; i <= a.level(); i++) {
                polys[d][i] = new long[ring.n()];
                PolyMath.mul(a.readPoly(d)[i], p.rows()[i], polys[d][i], ring.modulus(i));
            }
        }
        return new Ciphertext(polys, a.level(), a.scale() * p.scale());
    }

    /** acc += a p in acc's host rows. */
    void mulPlainAdd(Ciphertext a, Plaintext p, Ciphertext acc) {
        for (int d = 0; d <= a.degree(); d++) {
            for (int i = 0; i <= a.level(); i++) PolyMath.mulAdd(a.readPoly(d)[i], p.rows()[i], acc.poly(d)[i], ring.modulus(i));
        }
    }

    /** a with the integer {@code scaled} added to every coefficient of its first polynomial (every slot). */
    Ciphertext addConst(Ciphertext a, long scaled) {
        Ciphertext out = a.copy();
        for (int i = 0; i <= a.level(); i++) {
            Modulus m = ring.modulus(i);
            long c = m.reduce(scaled);
            long[] row = out.poly(0)[i];
            for (int k = 0; k < row.length; k++) row[k] = m.add(row[k], c);
        }
        return out;
    }

    /** a times the integer {@code scaled}, the result at {@code scale}. */
    Ciphertext mulConst(Ciphertext a, long scaled, double scale) {
        Ciphertext out = a.copy();
        for (int d = 0; d <= out.degree(); d++) {
            for (int i = 0; i <= a.level(); i++) PolyMath.mulScalar(out.poly(d)[i], ring.modulus(i).reduce(scaled), out.poly(d)[i], ring.modulus(i));
        }
        out.setScale(scale);
        return out;
    }

    /** The tensor product of two degree-1 ciphertexts at one level. */
    Ciphertext multiply(Ciphertext a, Ciphertext b) {
        Ciphertext out = Ciphertext.zeros(2, a.level(), ring.n(), a.scale() * b.scale());
        for (int i = 0; i <= a.level(); i++) {
            PolyMath.tensor(a.readPoly(0)[i], a.readPoly(1)[i], b.readPoly(0)[i], b.readPoly(1)[i], out.poly(0)[i], out.poly(1)[i],
                    out.poly(2)[i], ring.modulus(i));
        }
        return out;
    }

    Ciphertext dropLevel(Ciphertext c, int targetLevel) {
        long[][][] polys = new long[c.degree() + 1][][];
        for (int d = 0; d <= c.degree(); d++) {
            polys[d] = new long[targetLevel + 1][];
            for (int i = 0; i <= targetLevel; i++) polys[d][i] = c.readPoly(d)[i].clone();
        }
        return new Ciphertext(polys, targetLevel, c.scale());
    }
}
