package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;

/**
 * The quantile (pinball) loss the TFT trains on (Lim et al. eq. 24): for quantile q and error e = y - yhat_q,
 * max(q e, (q - 1) e), averaged over samples, horizon steps and quantiles. Its minimiser is the q-quantile, so the
 * 0.5 output is a median forecast and 0.1 / 0.9 bracket 80% of outcomes. The plain-array form scores forecasts outside
 * DJL (held-out evaluation, the last-value baseline) with the same formula.
 */
final class QuantileLoss {
    private final NDArray quantiles;
    private final NDArray quantilesLessOne;

    QuantileLoss(TftParameters parameters, double[] quantiles) {
        float[] q = new float[quantiles.length];
        float[] qm = new float[quantiles.length];
        for (int k = 0; k < q.length; k++) {
            q[k] = (float) quantiles[k];
            qm[k] = (float) (quantiles[k] - 1);
        }
        this.quantiles = parameters.manager().create(q);
        this.quantilesLessOne = parameters.manager().create(qm);
    }

    /** @param predictions [B, H, Q]; @param targets [B, H] */
    NDArray apply(NDArray predictions, NDArray targets) {
        NDArray error = targets.expandDims(2).sub(predictions);
        return error.mul(quantiles).maximum(error.mul(quantilesLessOne)).mean();
    }

    /** The same loss on plain arrays: predictions[sample][quantile] against targets[sample]. */
    static double of(double[][] predictions, double[] targets, double[] quantiles) {
        if (predictions.length != targets.length) throw new IllegalArgumentException(predictions.length + " forecasts but " + targets.length + " targets");
        if (targets.length == 0) return Double.NaN;
        double total = 0;
        for (int i = 0; i < targets.length; i++) {
            for (int k = 0; k < quantiles.length; k++) {
                double e = targets[i] - predictions[i][k];
                total += Math.max(quantiles[k] * e, (quantiles[k] - 1) * e);
            }
        }
        return total / ((double) targets.length * quantiles.length);
    }
}
