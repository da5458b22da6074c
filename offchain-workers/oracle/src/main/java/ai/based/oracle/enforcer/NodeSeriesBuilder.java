package ai.based.oracle.enforcer;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a Brain's epoch observations into one {@link NodeSeries} per miner uid. The contribution of uid j in epoch e is
 * the mean over the validators that revealed of their row-normalised weight on j (its share of the Brain's weights),
 * times the miner count; an epoch in which no validator revealed has no contribution (NaN), so its windows are
 * skipped rather than read as "everybody scored zero". A uid re-registered by a new holder starts a new series at the
 * epoch of its registration (the old holder's history is not the new one's).
 */
public final class NodeSeriesBuilder {
    private NodeSeriesBuilder() {}

    /** @param history one Brain's observations, ascending and consecutive in epoch */
    public static List<NodeSeries> build(List<EpochObservation> history) {
        List<NodeSeries> out = new ArrayList<>();
        if (history.isEmpty()) return out;
        for (int k = 1; k < history.size(); k++) {
            if (history.get(k).epoch() != history.get(k - 1).epoch() + 1 || history.get(k).brainId() != history.get(0).brainId()) {
                throw new IllegalArgumentException("observations must be one Brain's consecutive epochs; got epoch " + history.get(k).epoch()
                        + " after " + history.get(k - 1).epoch());
            }
        }
        EpochObservation last = history.get(history.size() - 1);
        double[] statics = {Math.log1p(last.miners()), Math.log1p(last.validators())};
        double[][] contributions = new double[history.size()][];
        double[][] weighting = new double[history.size()][];
        for (int k = 0; k < history.size(); k++) {
            contributions[k] = contributions(history.get(k), last.miners());
            weighting[k] = weightingFraction(history.get(k), last.miners());
        }
        for (int uid = 0; uid < last.miners(); uid++) {
            long registered = last.registeredEpoch()[uid];
            int start = 0;
            while (start < history.size() && (history.get(start).epoch() < registered || uid >= history.get(start).miners())) start++;
            double[][] rows = new double[history.size() - start][];
            for (int k = start; k < history.size(); k++) {
                EpochObservation o = history.get(k);
                rows[k - start] = new double[] {contributions[k][uid], weighting[k][uid], uid < o.serving().length && o.serving()[uid] ? 1 : 0, o.blockSeconds(),
                    Math.log1p(Math.max(0, o.brainEmission())), Math.log1p(o.miners())};
            }
            long first = start < history.size() ? history.get(start).epoch() : last.epoch() + 1;
            out.add(new NodeSeries(last.brainId(), uid, registered, first, rows, statics.clone()));
        }
        return out;
    }

    /** Per uid: mean normalised weight over revealing validators, times the miner count; NaN for all when none revealed. */
    static double[] contributions(EpochObservation o, int width) {
        double[] share = new double[width];
        int rows = 0;
        for (EpochObservation.Weights w : o.revealed()) {
            double total = 0;
            for (int v : w.values()) total += Math.max(0, v);
            if (total == 0) continue;
            rows++;
            for (int i = 0; i < w.uids().length; i++) {
                if (w.uids()[i] >= 0 && w.uids()[i] < width) share[w.uids()[i]] += Math.max(0, w.values()[i]) / total;
            }
        }
        for (int j = 0; j < width; j++) share[j] = rows == 0 ? Double.NaN : share[j] / rows * Math.max(1, o.miners());
        return share;
    }

    /** Per uid: the fraction of revealing validators that gave it a non-zero weight (0 when none revealed). */
    static double[] weightingFraction(EpochObservation o, int width) {
        double[] out = new double[width];
        if (o.revealed().isEmpty()) return out;
        for (EpochObservation.Weights w : o.revealed()) {
            for (int i = 0; i < w.uids().length; i++) if (w.uids()[i] >= 0 && w.uids()[i] < width && w.values()[i] > 0) out[w.uids()[i]]++;
        }
        for (int j = 0; j < width; j++) out[j] /= o.revealed().size();
        return out;
    }
}
