package ai.based.fhe.circuits;

import ai.based.fhe.ckks.Parameters;

/**
 * The error bound of bootstrapping, in slot units, for messages |z| <= 1 at input scale Delta. Three terms:
 * <ul>
 * <li>EvalMod's approximation error a (measured on the interval, see {@link EvalMod#approximationError}): the sine
 * is read as a message at unit scale after dividing by 2 pi and multiplying by q_0 / Delta, so it contributes
 * a q_0 / (2 pi Delta).
 * <li>The sine's curvature: sin(2 pi e) / (2 pi) = e - (2 pi)^2 e^3 / 6 + ..., with e <= Delta / q_0 (the message's
 * coefficients are at most Delta max|z|, since CoeffsToSlots is (1/n) U^H), so at most (2 pi)^2 (Delta / q_0)^2 / 6.
 * <li>CKKS noise inside EvalMod, the dominant term: a key switch with one-prime digits adds per slot a sum of
 * N (l + 1) products of a digit (centred, q / sqrt 12 standard deviation) by the key's error (sigma = 3.24), divided
 * by P: standard deviation N sigma q_max sqrt((l + 1) / 12) / P in slot units, and we take 6 of those. That noise,
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
        double qMax = 0;
        for (int i = 0; i <= top; i++) qMax = Math.max(qMax, params.ring().modulus(i).q);
        double p = 1;
        for (int j = 0; j < params.ring().pCount(); j++) p *= params.ring().modulus(params.ring().pIndex(j)).q;
        double toSlots = q0 / (2 * Math.PI * inputScale);
        double approximation = evalMod.approximationError() * toSlots;
        double curvature = Math.pow(2 * Math.PI, 2) * Math.pow(inputScale / q0, 2) / 6;
        int evalModStart = top - bootParams.coeffsToSlotsLevels();
        double evalModScale = params.ring().modulus(evalModStart).q;
        double keySwitch = 6 * params.n() * SIGMA * qMax * Math.sqrt((evalModStart + 1) / 12.0) / p;
        double injections = evalModDepth + 1;
        double perCoefficient = injections * keySwitch / evalModScale * 2 * Math.pow(4, bootParams.doubleAngles()) * toSlots;
        double noise = perCoefficient * Math.sqrt(2.0 * bootParams.slots());
        return approximation + curvature + noise;
    }
}
