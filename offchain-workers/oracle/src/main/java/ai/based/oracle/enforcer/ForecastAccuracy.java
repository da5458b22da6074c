package ai.based.oracle.enforcer;

import java.util.List;

/**
 * Held-out accuracy of the TFT beside the last-value baseline (next epoch = this epoch, as every quantile): pinball
 * loss over the quantiles and the median's mean absolute error, on samples whose outcome the model never saw.
 */
public record ForecastAccuracy(int samples, double pinball, double mae, double baselinePinball, double baselineMae) {

    public static ForecastAccuracy of(double[][] predictions, List<TftWindows.Sample> samples, double[] quantiles) {
        int n = samples.size();
        double[] targets = new double[n];
        double[][] baseline = new double[n][quantiles.length];
        double mae = 0;
        double baselineMae = 0;
        int median = quantiles.length / 2;
        for (int i = 0; i < n; i++) {
            TftWindows.Sample s = samples.get(i);
            targets[i] = s.target();
            java.util.Arrays.fill(baseline[i], s.lastValue());
            mae += Math.abs(s.target() - predictions[i][median]);
            baselineMae += Math.abs(s.target() - s.lastValue());
        }
        return new ForecastAccuracy(n, QuantileLoss.of(predictions, targets, quantiles), n == 0 ? Double.NaN : mae / n,
                QuantileLoss.of(baseline, targets, quantiles), n == 0 ? Double.NaN : baselineMae / n);
    }

    /** True when the TFT's median is closer than the last value on average. */
    public boolean beatsBaseline() {
        return mae < baselineMae;
    }

    @Override
    public String toString() {
        return String.format("held-out %d samples: TFT pinball %.4f MAE %.4f, last-value baseline pinball %.4f MAE %.4f",
                samples, pinball, mae, baselinePinball, baselineMae);
    }
}
