package ai.based.fhe.circuits;

import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.rlwe.Ciphertext;
import java.util.function.DoubleUnaryOperator;

/**
 * A polynomial in the Chebyshev basis on [a, b]: p(x) = sum_k c_k T_k((2x - a - b) / (b - a)), evaluated by
 * baby-step giant-step (see PolynomialEvaluator#evaluateBsgs) after one level for the change of variable.
 */
public record Chebyshev(double a, double b, double[] coefficients) {

    /** Interpolates f at the d + 1 Chebyshev nodes of [a, b]. */
    public static Chebyshev approximate(DoubleUnaryOperator f, double a, double b, int degree) {
        int n = degree + 1;
        double[] c = new double[n];
        for (int k = 0; k < n; k++) {
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double node = Math.cos(Math.PI * (j + 0.5) / n);
                sum += f.applyAsDouble((node * (b - a) + a + b) / 2) * Math.cos(Math.PI * k * (j + 0.5) / n);
            }
            c[k] = 2 * sum / n;
        }
        c[0] /= 2;
        return new Chebyshev(a, b, c);
    }

    public int degree() {
        return coefficients.length - 1;
    }

    /** The plaintext value, for checking encrypted results. */
    public double value(double x) {
        double t = (2 * x - a - b) / (b - a);
        double previous = 1;
        double current = t;
        double sum = coefficients[0] + (coefficients.length > 1 ? coefficients[1] * t : 0);
        for (int k = 2; k < coefficients.length; k++) {
            double next = 2 * t * current - previous;
            sum += coefficients[k] * next;
            previous = current;
            current = next;
        }
        return sum;
    }

    public Ciphertext evaluate(Evaluator evaluator, Ciphertext x) {
        PolynomialEvaluator polys = new PolynomialEvaluator(evaluator);
        Ciphertext t1 = polys.affine(x, 2 / (b - a), -(a + b) / (b - a));
        return polys.evaluateBsgs(t1, coefficients);
    }
}
