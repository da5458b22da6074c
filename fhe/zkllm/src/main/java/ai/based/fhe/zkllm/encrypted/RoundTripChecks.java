package ai.based.fhe.zkllm.encrypted;

/**
 * What the client's checks of a miner's values saw since the last reset: how many were out of range, where the first
 * was (which check, layer and position: enough to tell a noisy miner from a lying one), and the smallest mean
 * denominator that passed, so the margin between honest noise and the threshold can be watched. The first anomaly's
 * value is not kept: a miner chooses it as a function of the prompt, and a reason can travel further than the user's
 * terminal (a validator's metrics).
 */
public final class RoundTripChecks {
    private long anomalies;
    private String check;
    private int layer;
    private int position;
    private double smallestDenominator = Double.POSITIVE_INFINITY;

    void reset() {
        anomalies = 0;
        check = null;
        smallestDenominator = Double.POSITIVE_INFINITY;
    }

    /** @param layer the layer, or -1 for the logits */
    void anomaly(String check, int layer, int position) {
        if (anomalies++ > 0) return;
        this.check = check;
        this.layer = layer;
        this.position = position;
    }

    void denominator(double value) {
        smallestDenominator = Math.min(smallestDenominator, value);
    }

    /** Values out of range: a correct miner causes none. */
    public long anomalies() {
        return anomalies;
    }

    /** The first anomaly, for example "mean denominator out of range at layer 1, position 7"; empty when there was none. */
    public String first() {
        if (check == null) return "";
        return check + " out of range " + (layer < 0 ? "at" : "at layer " + layer + ",") + " position " + position;
    }

    /** The smallest mean denominator decrypted in range (+infinity before any). */
    public double smallestDenominator() {
        return smallestDenominator;
    }
}
