package ai.based.fhe.circuits;

import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.rlwe.Ciphertext;

/**
 * Inverse square root and inverse of values known to lie in [a, b] (a > 0), by Newton's method from the best
 * linear first guess on the interval: y <- y (3 - x y^2) / 2 costs three levels per step, y <- y (2 - x y) two.
 */
public final class Newton {
    private final Evaluator evaluator;
    private final PolynomialEvaluator polys;

    public Newton(Evaluator evaluator) {
        this.evaluator = evaluator;
        this.polys = new PolynomialEvaluator(evaluator);
    }

    public Ciphertext inverseSqrt(Ciphertext x, double a, double b, int iterations) {
        double[] line = secant(v -> 1 / Math.sqrt(v), a, b);
        Ciphertext y = polys.affine(x, line[0], line[1]);
        Ciphertext halfX = polys.affine(x, 0.5, 0);
        for (int i = 0; i < iterations; i++) {
            Ciphertext y2 = polys.product(y, y);
            Ciphertext t = polys.product(halfX, y2);
            Ciphertext correction = evaluator.addConst(evaluator.negate(t), 1.5);
            y = polys.product(y, correction);
        }
        return y;
    }

    public Ciphertext inverse(Ciphertext x, double a, double b, int iterations) {
        double[] line = secant(v -> 1 / v, a, b);
        Ciphertext y = polys.affine(x, line[0], line[1]);
        for (int i = 0; i < iterations; i++) {
            Ciphertext xy = polys.product(x, y);
            Ciphertext correction = evaluator.addConst(evaluator.negate(xy), 2);
            y = polys.product(y, correction);
        }
        return y;
    }

    /** Plaintext mirror of {@link #inverseSqrt}, for checking. */
    public static double inverseSqrtValue(double x, double a, double b, int iterations) {
        double[] line = secant(v -> 1 / Math.sqrt(v), a, b);
        double y = line[0] * x + line[1];
        for (int i = 0; i < iterations; i++) y = y * (1.5 - 0.5 * x * y * y);
        return y;
    }

    public static double inverseValue(double x, double a, double b, int iterations) {
        double[] line = secant(v -> 1 / v, a, b);
        double y = line[0] * x + line[1];
        for (int i = 0; i < iterations; i++) y = y * (2 - x * y);
        return y;
    }

    /** The line through f(a) and f(b): for these convex, decreasing f it lies above f, so Newton converges. */
    private static double[] secant(java.util.function.DoubleUnaryOperator f, double a, double b) {
        double slope = (f.applyAsDouble(b) - f.applyAsDouble(a)) / (b - a);
        return new double[] {slope, f.applyAsDouble(a) - slope * a};
    }
}
