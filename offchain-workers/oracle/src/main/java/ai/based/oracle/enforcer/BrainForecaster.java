package ai.based.oracle.enforcer;

import ai.based.protocol.consensus.U16Weights;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One Brain's forecast for one epoch, from its node series: trains a TFT on every window whose target lies before the
 * last observed epoch, measures it on the last observed epoch (held out) beside the last-value baseline, and forecasts
 * the coming epoch's contribution per miner uid as u16 values (max-upscaled: only ratios matter on chain).
 *
 * <p>A uid with no usable window (new, or its recent epochs unreadable) is given an equal share (contribution 1), so
 * a newcomer is neither erased nor favoured. A Brain with one miner needs no model: it has the whole share.
 */
public final class BrainForecaster {
    private BrainForecaster() {}

    /** What goes on chain, and how the model did on the held-out epoch (absent when nothing was held out). */
    public record Result(int[] uids, int[] values, Optional<ForecastAccuracy> accuracy, int trainingSamples, int skippedSamples, String note,
            Map<String, Double> importance) {
        Result(int[] uids, int[] values, Optional<ForecastAccuracy> accuracy, int trainingSamples, int skippedSamples, String note) {
            this(uids, values, accuracy, trainingSamples, skippedSamples, note, Map.of());
        }
    }

    /**
     * @param miners the Brain's miner count now (uids 0..miners-1)
     * @param lastObserved the newest epoch in the series (its windows are held out)
     */
    public static Result forecast(List<NodeSeries> series, int miners, long lastObserved, TftConfig config, Consumer<String> progress) {
        if (miners == 0) return new Result(new int[0], new int[0], Optional.empty(), 0, 0, "no miners");
        int[] uids = new int[miners];
        for (int j = 0; j < miners; j++) uids[j] = j;
        if (miners == 1) return new Result(uids, new int[] {U16Weights.MAX}, Optional.empty(), 0, 0, "one miner: the whole share");
        TftWindows.Cut cut = TftWindows.training(series, config.lookback());
        List<TftWindows.Sample> training = new ArrayList<>();
        List<TftWindows.Sample> heldOut = new ArrayList<>();
        for (TftWindows.Sample s : cut.samples()) (s.targetEpoch() >= lastObserved ? heldOut : training).add(s);
        if (training.isEmpty()) {
            return new Result(null, null, Optional.empty(), 0, cut.skipped(), "not enough readable history to train (needs " + (config.lookback() + 2)
                    + " epochs with revealed weights)");
        }
        double[] contribution = new double[miners];
        java.util.Arrays.fill(contribution, 1.0);
        Optional<ForecastAccuracy> accuracy = Optional.empty();
        Map<String, Double> importance = new LinkedHashMap<>();
        try (TrainedTft tft = TftTrainer.train(config, training, progress)) {
            if (!heldOut.isEmpty()) accuracy = Optional.of(ForecastAccuracy.of(tft.predict(heldOut), heldOut, config.quantiles()));
            List<TftWindows.Sample> coming = TftWindows.forecast(series, config.lookback()).samples();
            double[][] predicted = tft.predict(coming);
            double[] weights = tft.pastVariableImportance(coming);
            for (int j = 0; j < weights.length; j++) importance.put(NodeSeries.EPOCH_FEATURE_NAMES.get(j), weights[j]);
            for (int i = 0; i < coming.size(); i++) {
                int uid = coming.get(i).uid();
                double median = predicted[i][config.medianIndex()];
                if (uid < miners) contribution[uid] = Double.isFinite(median) ? Math.max(0, median) : 1.0;
            }
        }
        return new Result(uids, U16Weights.maxUpscale(contribution), accuracy, training.size(), cut.skipped(), "", importance);
    }
}
