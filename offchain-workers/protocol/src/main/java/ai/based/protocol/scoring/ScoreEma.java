package ai.based.protocol.scoring;

import ai.based.protocol.consensus.U16Weights;
import java.util.Arrays;

/**
 * A validator's moving average of each miner's scores, and the weights it sets from them. Only a finite score
 * in [0, 1] enters (anything else is refused and changes nothing), so one hostile answer cannot poison the
 * average: it can only score zero, which {@link LogitScorer} already gives it.
 */
public final class ScoreEma {
    private final double alpha;
    private final double[] averages;

    /** @param alpha the weight of a new score (0, 1]: higher forgets faster */
    public ScoreEma(int miners, double alpha) {
        if (miners <= 0) throw new IllegalArgumentException("need at least one miner slot, got " + miners);
        if (!(alpha > 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        this.alpha = alpha;
        this.averages = new double[miners];
    }

    public void update(int uid, double score) {
        checkUid(uid);
        if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("cannot average score " + score + " for miner " + uid + ": scores lie in [0, 1]");
        averages[uid] = alpha * score + (1 - alpha) * averages[uid];
    }

    /** The uid was handed to a new miner: its history does not carry over. */
    public void reset(int uid) {
        checkUid(uid);
        averages[uid] = 0;
    }

    public double average(int uid) {
        checkUid(uid);
        return averages[uid];
    }

    /** The averages normalised to sum to 1; all zero while no miner has scored. */
    public double[] weights() {
        double total = Arrays.stream(averages).sum();
        double[] out = new double[averages.length];
        if (total == 0) return out;
        for (int j = 0; j < out.length; j++) out[j] = averages[j] / total;
        return out;
    }

    /** The weights as the chain takes them: u16, max-upscaled so the best miner gets 65,535. */
    public int[] weightsU16() {
        return U16Weights.maxUpscale(averages);
    }

    private void checkUid(int uid) {
        if (uid < 0 || uid >= averages.length) throw new IllegalArgumentException("no miner uid " + uid + " (slots 0.." + (averages.length - 1) + ")");
    }
}
