package ai.based.oracle.enforcer;

/**
 * Sizes and training settings of the Temporal Fusion Transformer.
 *
 * @param staticVariables per-node covariates that do not change with the epoch
 * @param pastVariables per-epoch observations (known only up to the forecast's start)
 * @param futureVariables per-epoch inputs known ahead (the node's age in epochs)
 * @param lookback past epochs the encoder reads
 * @param horizon epochs forecast (the service uses 1: the coming epoch)
 * @param hidden the model width d
 * @param heads attention heads (divides hidden)
 * @param quantiles the quantile outputs, ascending; the middle one is the point forecast
 */
public record TftConfig(int staticVariables, int pastVariables, int futureVariables, int lookback, int horizon, int hidden, int heads,
        double[] quantiles, int steps, float learningRate, long seed) {
    public static final double[] QUANTILES = {0.1, 0.5, 0.9};

    public TftConfig {
        if (staticVariables < 1 || pastVariables < 1 || futureVariables < 1) {
            throw new IllegalArgumentException("the TFT needs at least one static, one past and one known-future variable");
        }
        if (lookback < 1 || horizon < 1) throw new IllegalArgumentException("lookback and horizon must be positive, not " + lookback + " and " + horizon);
        if (hidden < 4 || hidden > 128 || heads < 1 || hidden % heads != 0) {
            throw new IllegalArgumentException("hidden " + hidden + " with " + heads + " heads: hidden must be 4-128 and divisible by heads");
        }
        if (quantiles.length == 0 || quantiles.length % 2 == 0) throw new IllegalArgumentException("give an odd number of quantiles, the median in the middle");
        for (int k = 0; k < quantiles.length; k++) {
            if (!(quantiles[k] > 0 && quantiles[k] < 1) || (k > 0 && quantiles[k] <= quantiles[k - 1])) {
                throw new IllegalArgumentException("quantiles must be ascending in (0, 1)");
            }
        }
        if (steps < 1 || !(learningRate > 0)) throw new IllegalArgumentException("steps and learning rate must be positive");
        quantiles = quantiles.clone();
    }

    /** The service's model for {@link NodeSeries} data: 16 wide, 4 heads, 8 epochs back, 1 ahead. */
    public static TftConfig forNodeSeries(int steps, long seed) {
        return new TftConfig(NodeSeries.STATIC_FEATURES, NodeSeries.EPOCH_FEATURES, NodeSeries.KNOWN_FEATURES, 8, 1, 16, 4, QUANTILES, steps, 0.01f, seed);
    }

    public int medianIndex() {
        return quantiles.length / 2;
    }

    @Override
    public double[] quantiles() {
        return quantiles.clone();
    }
}
