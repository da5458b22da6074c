package ai.based.fhe.zkllm.encrypted;

import java.util.Locale;

/**
 * What the client's round-trip checks saw since the last reset: how many values were out of range, the first of them
 * (which check, which layer, which value: enough to tell CKKS noise from a lying miner), and the smallest mean
 * denominator that passed, so the margin between honest noise and the threshold can be watched.
 */
public final class RoundTripChecks {
    private long anomalies;
    private String first = "";
    private double smallestDenominator = Double.POSITIVE_INFINITY;

    void reset() {
        anomalies = 0;
        first = "";
        smallestDenominator = Double.POSITIVE_INFINITY;
    }

    void anomaly(String check, int layer, int position, double value) {
        if (anomalies++ == 0) first = String.format(Locale.ROOT, "%s %.6g at layer %d, position %d", check, value, layer, position);
    }

    void denominator(double value) {
        smallestDenominator = Math.min(smallestDenominator, value);
    }

    /** Values out of range: a correct miner causes none. */
    public long anomalies() {
        return anomalies;
    }

    /** The first anomaly, for example "mean denominator -0.0123 at layer 1, position 7"; empty when there was none. */
    public String first() {
        return first;
    }

    /** The smallest mean denominator decrypted in range (+infinity before any). */
    public double smallestDenominator() {
        return smallestDenominator;
    }
}
