package ai.based.fhe.ckks.circuits;

import ai.based.fhe.ckks.ckks.Evaluator;
import ai.based.fhe.ckks.rlwe.Ciphertext;

/** Scale- and level-managed building blocks for polynomial circuits. */
final class PolynomialEvaluator {
    private final Evaluator evaluator;

    PolynomialEvaluator(Evaluator evaluator) {
        this.evaluator = evaluator;
    }

    /** alpha x + beta, one level. */
    Ciphertext affine(Ciphertext x, double alpha, double beta) {
        double q = prime(x.level());
        Ciphertext scaled = evaluator.rescale(evaluator.mulConst(x, alpha, q));
        return evaluator.addConst(scaled, beta);
    }

    /** T_0 is left null (the constant 1); T_1 = t. */
    Ciphertext[] chebyshevBasis(Ciphertext t, int degree) {
        Ciphertext[] basis = new Ciphertext[degree + 1];
        if (degree >= 1) basis[1] = t;
        for (int k = 2; k <= degree; k++) {
            Ciphertext left = basis[k / 2];
            Ciphertext right = basis[k - k / 2];
            Ciphertext product = product(left, right);
            Ciphertext doubled = evaluator.add(product, product);
            if (k % 2 == 0) {
                basis[k] = evaluator.addConst(doubled, -1);
            } else {
                basis[k] = evaluator.sub(doubled, alignTo(basis[1], doubled));
            }
        }
        return basis;
    }

    /** sum_k c_k T_k, every term brought to one level and scale; one more level for the coefficients. */
    Ciphertext combine(Ciphertext[] basis, double[] coefficients) {
        int level = Integer.MAX_VALUE;
        for (int k = 1; k < basis.length; k++) level = Math.min(level, basis[k].level());
        double q = prime(level);
        double target = basis[1].scale();
        Ciphertext sum = null;
        for (int k = 1; k < basis.length; k++) {
            if (coefficients[k] == 0) continue;
            Ciphertext term = evaluator.dropLevel(basis[k], level);
            // choose the constant's scale so every term lands on the same scale after the rescale
            Ciphertext scaled = evaluator.rescale(evaluator.mulConst(term, coefficients[k], target * q / term.scale()));
            scaled.setScale(target);
            sum = sum == null ? scaled : evaluator.add(sum, scaled);
        }
        if (sum == null) throw new IllegalArgumentException("the polynomial is constant");
        return evaluator.addConst(sum, coefficients[0]);
    }

    /** left * right at the lower of their levels, relinearized and rescaled. */
    Ciphertext product(Ciphertext left, Ciphertext right) {
        int level = Math.min(left.level(), right.level());
        Ciphertext l = evaluator.dropLevel(left, level);
        Ciphertext r = evaluator.dropLevel(right, level);
        return evaluator.rescale(evaluator.mulRelin(l, r));
    }

    /** x moved to the level and scale of {@code like} (which must be lower): one multiplication by 1 at the exact ratio. */
    private Ciphertext alignTo(Ciphertext x, Ciphertext like) {
        if (x.level() <= like.level()) throw new IllegalStateException("cannot align down: level " + x.level() + " is not above " + like.level());
        Ciphertext dropped = evaluator.dropLevel(x, like.level() + 1);
        double q = prime(dropped.level());
        Ciphertext moved = evaluator.rescale(evaluator.mulConst(dropped, 1, like.scale() * q / dropped.scale()));
        moved.setScale(like.scale()); // equal up to double rounding of the ratio
        return moved;
    }

    private double prime(int level) {
        return evaluator.parameters().ring().modulus(level).q;
    }
}
