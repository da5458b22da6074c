package ai.based.fhe.circuits;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.rlwe.KeyDigits;

/**
 * The error bound of bootstrapping, in slot units, for messages |z| <= 1 at input scale Delta. Three terms:
 * <ul>
 * <li>EvalMod's approximation error a (measured on the interval, see {@link EvalMod#approximationError}): the sine
 * is read as a message at unit scale after dividing by 2 pi and multiplying by q_0 / Delta, so it contributes
 * a q_0 / (2 pi Delta).
 * <li>The sine's curvature: sin(2 pi e) / (2 pi) = e - (2 pi)^2 e^3 / 6 + ..., with e <= Delta / q_0 (the message's
 * coefficients are at most Delta max|z|, since CoeffsToSlots is (1/n) U^H), so at most (2 pi)^2 (Delta / q_0)^2 / 6.
 * <li>CKKS noise inside EvalMod, the dominant term: a key switch adds per slot a sum of N D products of a digit by
 * the key's error (sigma = 3.24), divided by P, for the D digits at level l: a one-prime digit is centred, q / sqrt 12
 * root mean square; a digit of g primes Q_j comes from fast base conversion, in [0, g Q_j), g Q_j / sqrt 3. So
 * N sigma rms sqrt(D) / P in slot units, and we take 6 of those; ModDown and each rescale add their rounding,
 * u_0 + u_1 s with u uniform in [-1/2, 1/2]: sqrt(N / 12 (1 + 2N / 3)) for a ternary s, 6 of those twice (with
 * several special primes P is so large that this rounding is what is left). That noise,
 * at EvalMod's scale S, is injected once per level of EvalMod and by the conjugation, and grows by at most 4 per
 * double angle (see EvalMod) and by the interpolant's coefficient sum (at most 2 here, |c_k| summed); it is read
 * at q_0 / (2 pi Delta) like the approximation error. EvalMod's slot j holds coefficient j, so SlotsToCoeffs sums
 * the 2n coefficients' independent errors into each slot: sqrt(2n) times the per-coefficient error.
 * </ul>
 * This is a central-limit estimate at six standard deviations, not a worst case: it is what the tests assert.
 */
public final class BootstrapPrecision {
    private static final double SIGMA = 3.24;

    private BootstrapPrecision() {}

    public static double errorBound(Parameters params, BootstrapParameters bootParams, EvalMod evalMod, int evalModDepth,
            double inputScale) {
        double q0 = params.ring().modulus(0).q;
        int top = params.maxLevel();
        double p = 1;
        for (int j = 0; j < params.ring().pCount(); j++) p *= params.ring().modulus(params.ring().pIndex(j)).q;
        double toSlots = q0 / (2 * Math.PI * inputScale);
        double approximation = evalMod.approximationError() * toSlots;
        double curvature = Math.pow(2 * Math.PI, 2) * Math.pow(inputScale / q0, 2) / 6;
        int evalModStart = top - bootParams.coeffsToSlotsLevels();
        double evalModScale = params.ring().modulus(evalModStart).q;
        double keySwitch = 6 * params.n() * SIGMA * digitRms(params, evalModStart) * Math.sqrt(KeyDigits.of(params.ring()).countAt(evalModStart)) / p
                + 2 * 6 * Math.sqrt(params.n() / 12.0 * (1 + 2.0 * params.n() / 3));
        double injections = evalModDepth + 1;
        double perCoefficient = injections * keySwitch / evalModScale * 2 * Math.pow(4, bootParams.doubleAngles()) * toSlots;
        double noise = perCoefficient * Math.sqrt(2.0 * bootParams.slots());
        return approximation + curvature + noise;
    }

    /** The root mean square of the largest key-switching digit at {@code level} (see the class comment). */
    private static double digitRms(Parameters params, int level) {
        KeyDigits digits = KeyDigits.of(params.ring());
        double largest = 0;
        for (int j = 0; j < digits.countAt(level); j++) {
            double product = 1;
            for (int i = digits.first(j); i <= digits.last(j, level); i++) product *= params.ring().modulus(i).q;
            largest = Math.max(largest, product);
        }
        return digits.size() == 1 ? largest / Math.sqrt(12) : digits.size() * largest / Math.sqrt(3);
    }
}
