package ai.based.fhe.circuits;

import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.rlwe.Ciphertext;

/**
 * The modular reduction of bootstrapping: for x = I + e with an integer |I| <= K and a small e, sin(2 pi x) / (2 pi)
 * = sin(2 pi e) / (2 pi) ~ e. Computed as cos(2 pi (x - 1/4) / 2^r) by a Chebyshev interpolant on [-K - 1/2, K + 1/2],
 * then r double-angle steps cos(2a) = 2 cos(a)^2 - 1, which bring back sin(2 pi x). The division by 2 pi is left to
 * the caller's scale (it costs no level).
 *
 * <p>Error (stated, see {@link #approximationError}): the interpolant's error d on the interval grows at most to
 * 4^r d through the double angles (each step maps an error d to 4 |c| d + 2 d^2 with |c| <= 1); sin(2 pi e) / (2 pi)
 * differs from e by at most (2 pi)^2 |e|^3 / 6.
 */
public final class EvalMod {
    private final double k;
    private final int doubleAngles;
    private final Chebyshev cosine;

    public EvalMod(double k, int degree, int doubleAngles) {
        this.k = k;
        this.doubleAngles = doubleAngles;
        double scale = Math.pow(2, doubleAngles);
        this.cosine = Chebyshev.approximate(x -> Math.cos(2 * Math.PI * (x - 0.25) / scale), -k - 0.5, k + 0.5, degree);
    }

    /** ~ sin(2 pi x) for x within 1/2 of an integer of magnitude at most K. */
    public Ciphertext apply(Evaluator evaluator, Ciphertext x) {
        PolynomialEvaluator polys = new PolynomialEvaluator(evaluator);
        Ciphertext c = cosine.evaluate(evaluator, x);
        for (int i = 0; i < doubleAngles; i++) {
            Ciphertext square = polys.product(c, c);
            c = evaluator.addConst(evaluator.add(square, square), -1);
        }
        return c;
    }

    /** The plaintext mirror of {@link #apply}. */
    public double value(double x) {
        double c = cosine.value(x);
        for (int i = 0; i < doubleAngles; i++) c = 2 * c * c - 1;
        return c;
    }

    /**
     * max |value(x) - sin(2 pi x)| over |x| <= K + 1/2, measured on a grid of 2^16 points per unit plus the
     * double-angle bound 4^r on the interpolant's own error, whichever is larger (the grid misses the peaks by at
     * most the interpolant's derivative times the grid step, which is far below either).
     */
    public double approximationError() {
        double worstInterpolant = 0;
        double worstOutput = 0;
        double scale = Math.pow(2, doubleAngles);
        int points = (int) Math.ceil((2 * k + 1) * 65536);
        for (int i = 0; i <= points; i++) {
            double x = -k - 0.5 + (2 * k + 1) * i / points;
            worstInterpolant = Math.max(worstInterpolant, Math.abs(cosine.value(x) - Math.cos(2 * Math.PI * (x - 0.25) / scale)));
            worstOutput = Math.max(worstOutput, Math.abs(value(x) - Math.sin(2 * Math.PI * x)));
        }
        return Math.max(worstOutput, Math.pow(4, doubleAngles) * worstInterpolant);
    }

    public double k() {
        return k;
    }
}
