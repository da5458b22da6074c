package ai.based.oracle.enforcer;

import java.util.ArrayList;
import java.util.List;

/**
 * Samples cut from {@link NodeSeries}: {@code lookback} epochs of observations, the known inputs of the epoch after,
 * and (for training and evaluation) that epoch's contribution. One sample per (node, target epoch); a sample touching a
 * non-finite value is skipped and counted, so bad chain data costs samples, never the service.
 */
public final class TftWindows {
    /** One sample; {@code target} is NaN for a forecast of an epoch not yet seen. */
    public record Sample(long brainId, int uid, long targetEpoch, double[] statics, double[][] past, double[] known, double target, double lastValue) {}

    private TftWindows() {}

    public record Cut(List<Sample> samples, int skipped) {}

    /** Every complete window whose target epoch lies in the recorded history. */
    public static Cut training(List<NodeSeries> series, int lookback) {
        List<Sample> out = new ArrayList<>();
        int skipped = 0;
        for (NodeSeries s : series) {
            for (int t = lookback; t < s.length(); t++) {
                Sample sample = sample(s, t, lookback, s.contribution(t));
                if (sample == null) skipped++;
                else out.add(sample);
            }
        }
        return new Cut(out, skipped);
    }

    /** The window ending at each node's last recorded epoch, forecasting the epoch after it. */
    public static Cut forecast(List<NodeSeries> series, int lookback) {
        List<Sample> out = new ArrayList<>();
        int skipped = 0;
        for (NodeSeries s : series) {
            Sample sample = s.length() < lookback ? null : sample(s, s.length(), lookback, Double.NaN);
            if (sample == null) skipped++;
            else out.add(sample);
        }
        return new Cut(out, skipped);
    }

    private static Sample sample(NodeSeries s, int target, int lookback, double targetValue) {
        double[][] past = new double[lookback][];
        for (int k = 0; k < lookback; k++) {
            past[k] = s.epochs()[target - lookback + k].clone();
            if (!allFinite(past[k])) return null;
        }
        long targetEpoch = s.firstEpoch() + target;
        double[] known = s.known(targetEpoch);
        if (!allFinite(s.statics()) || !allFinite(known) || (target < s.length() && !Double.isFinite(targetValue))) return null;
        return new Sample(s.brainId(), s.uid(), targetEpoch, s.statics().clone(), past, known, targetValue, past[lookback - 1][NodeSeries.CONTRIBUTION]);
    }

    private static boolean allFinite(double[] values) {
        for (double v : values) if (!Double.isFinite(v)) return false;
        return true;
    }
}
