package ai.based.oracle.enforcer;

import java.util.List;

/**
 * One miner's per-epoch history in one Brain, as the chain records it; the TFT's unit of data. {@code epochs[i]} holds
 * the {@link #EPOCH_FEATURE_NAMES} of epoch {@code firstEpoch + i}, in that order. Values may be missing (NaN): windows
 * that touch them are skipped, never fed to the model.
 *
 * <p>The target is the node's contribution: its share of the Brain's validator weights in the epoch, times the Brain's
 * miner count, so 1 means an equal share whatever the Brain's size (the service maps forecasts back to u16 per Brain,
 * where only ratios matter).
 *
 * @param registeredEpoch the epoch the miner registered in (its age is the one input known ahead)
 * @param statics the {@link #STATIC_FEATURE_NAMES}, as of the last epoch recorded
 */
public record NodeSeries(long brainId, int uid, long registeredEpoch, long firstEpoch, double[][] epochs, double[] statics) {
    public static final List<String> EPOCH_FEATURE_NAMES = List.of(
            "contribution", "validators weighting", "serving", "block seconds", "log brain emission", "log miners");
    public static final List<String> KNOWN_FEATURE_NAMES = List.of("log age in epochs");
    public static final List<String> STATIC_FEATURE_NAMES = List.of("log miners", "log validators");
    public static final int CONTRIBUTION = 0;
    public static final int EPOCH_FEATURES = EPOCH_FEATURE_NAMES.size();
    public static final int KNOWN_FEATURES = KNOWN_FEATURE_NAMES.size();
    public static final int STATIC_FEATURES = STATIC_FEATURE_NAMES.size();

    public NodeSeries {
        for (int i = 0; i < epochs.length; i++) {
            if (epochs[i].length != EPOCH_FEATURES) {
                throw new IllegalArgumentException("epoch " + (firstEpoch + i) + " of miner " + uid + " has " + epochs[i].length + " features, not " + EPOCH_FEATURES);
            }
        }
        if (statics.length != STATIC_FEATURES) throw new IllegalArgumentException("miner " + uid + " has " + statics.length + " static features, not " + STATIC_FEATURES);
    }

    public int length() {
        return epochs.length;
    }

    /** The epoch after the last one recorded: the one a forecast is for. */
    public long nextEpoch() {
        return firstEpoch + epochs.length;
    }

    public double contribution(int index) {
        return epochs[index][CONTRIBUTION];
    }

    /** The inputs known ahead for {@code epoch}: log(1 + epochs since registration). */
    public double[] known(long epoch) {
        return new double[] {Math.log1p(Math.max(0, epoch - registeredEpoch))};
    }
}
