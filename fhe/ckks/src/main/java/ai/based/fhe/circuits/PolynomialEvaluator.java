package ai.based.fhe.circuits;

import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.rlwe.Ciphertext;

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
        for (int k = 1; k < Math.min(basis.length, coefficients.length); k++) {
            if (coefficients[k] == 0) continue;
            Ciphertext term = evaluator.dropLevel(basis[k], level);
            // choose the constant's scale so every term lands on the same scale after the rescale
            Ciphertext scaled = evaluator.rescale(evaluator.mulConst(term, coefficients[k], target * q / term.scale()));
            scaled.setScale(target);
            sum = sum == null ? scaled : evaluator.add(sum, scaled);
        }
        if (sum == null) {
            Ciphertext zero = evaluator.rescale(evaluator.mulConst(evaluator.dropLevel(basis[1], level), 0, q));
            zero.setScale(target);
            sum = zero;
        }
        return evaluator.addConst(sum, coefficients[0]);
    }

    /**
     * sum_k c_k T_k(t) by baby-step giant-step: T_1..T_g with g about sqrt(d), giant steps T_g, T_2g, T_4g, ...,
     * and the recursive split p = q T_G + r of the Chebyshev basis (T_{G+j} = 2 T_G T_j - T_{G-j}), so that only
     * about 2 sqrt(d) + log d ciphertext products are needed instead of d.
     */
    Ciphertext evaluateBsgs(Ciphertext t, double[] coefficients) {
        int degree = coefficients.length - 1;
        int logDegree = 32 - Integer.numberOfLeadingZeros(degree);
        int logBaby = (logDegree + 1) / 2;
        int baby = 1 << logBaby;
        Ciphertext[] babySteps = chebyshevBasis(t, baby);
        int giantCount = Math.max(0, logDegree - logBaby);
        Ciphertext[] giants = new Ciphertext[giantCount];
        for (int i = 0; i < giantCount; i++) {
            if (i == 0) {
                giants[0] = babySteps[baby];
            } else {
                Ciphertext square = product(giants[i - 1], giants[i - 1]);
                giants[i] = evaluator.addConst(evaluator.add(square, square), -1);
            }
        }
        return split(coefficients, giantCount - 1, baby, babySteps, giants);
    }

    /** Levels {@link Chebyshev#evaluate} consumes for a degree-d polynomial: the change of variable, then the BSGS. */
    static int chebyshevDepth(int degree) {
        int logDegree = 32 - Integer.numberOfLeadingZeros(degree);
        int logBaby = (logDegree + 1) / 2;
        int baby = 1 << logBaby;
        int[] basisDepth = new int[baby + 1];
        for (int k = 2; k <= baby; k++) basisDepth[k] = Math.max(basisDepth[k / 2], basisDepth[k - k / 2]) + 1;
        int giantCount = Math.max(0, logDegree - logBaby);
        int[] giantDepth = new int[giantCount];
        for (int i = 0; i < giantCount; i++) giantDepth[i] = i == 0 ? basisDepth[baby] : giantDepth[i - 1] + 1;
        return 1 + splitDepth(degree + 1, giantCount - 1, baby, basisDepth[baby] + 1, giantDepth);
    }

    private static int splitDepth(int length, int giant, int baby, int combineDepth, int[] giantDepth) {
        if (length <= baby || giant < 0) return combineDepth;
        int g = baby << giant;
        if (length <= g) return splitDepth(length, giant - 1, baby, combineDepth, giantDepth);
        int quotient = splitDepth(length - g, giant - 1, baby, combineDepth, giantDepth);
        int remainder = splitDepth(g, giant - 1, baby, combineDepth, giantDepth);
        return Math.max(Math.max(quotient, giantDepth[giant]) + 1, remainder);
    }

    private Ciphertext split(double[] c, int giant, int baby, Ciphertext[] babySteps, Ciphertext[] giants) {
        if (c.length <= baby || giant < 0) return combine(babySteps, java.util.Arrays.copyOf(c, Math.max(c.length, 2)));
        int g = baby << giant;
        if (c.length <= g) return split(c, giant - 1, baby, babySteps, giants);
        double[] q = new double[c.length - g];
        double[] r = java.util.Arrays.copyOf(c, g);
        q[0] = c[g];
        for (int j = 1; j < q.length; j++) {
            q[j] = 2 * c[g + j];
            r[g - j] -= c[g + j];
        }
        Ciphertext quotient = split(q, giant - 1, baby, babySteps, giants);
        Ciphertext remainder = split(r, giant - 1, baby, babySteps, giants);
        return addAligned(product(quotient, giants[giant]), remainder);
    }

    /** a + b after bringing both to one level and scale (exact multiplications by 1 where needed). */
    Ciphertext addAligned(Ciphertext a, Ciphertext b) {
        if (a.level() > b.level()) return evaluator.add(alignTo(a, b), b);
        if (b.level() > a.level()) return evaluator.add(a, alignTo(b, a));
        if (Math.abs(a.scale() - b.scale()) <= 1e-9 * a.scale()) return evaluator.add(a, b);
        double q = prime(a.level());
        Ciphertext movedA = evaluator.rescale(evaluator.mulConst(a, 1, q));
        Ciphertext movedB = evaluator.rescale(evaluator.mulConst(b, 1, a.scale() * q / b.scale()));
        movedB.setScale(movedA.scale());
        return evaluator.add(movedA, movedB);
    }

    /** left * right at the lower of their levels, relinearized and rescaled. */
    Ciphertext product(Ciphertext left, Ciphertext right) {
        int level = Math.min(left.level(), right.level());
        Ciphertext l = evaluator.dropLevel(left, level);
        Ciphertext r = evaluator.dropLevel(right, level);
        return evaluator.mulRelinRescale(l, r);
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
