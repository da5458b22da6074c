package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** A trained TFT with the feature scaling it was trained under; owns its tensors until closed. */
public final class TrainedTft implements AutoCloseable {
    private final TemporalFusionTransformer model;
    private final FeatureScaling scaling;
    private final NDManager manager;

    TrainedTft(TemporalFusionTransformer model, FeatureScaling scaling, NDManager manager) {
        this.model = model;
        this.scaling = scaling;
        this.manager = manager;
    }

    /** Quantile forecasts per sample ([sample][quantile], ascending: crossed outputs are sorted). */
    public double[][] predict(List<TftWindows.Sample> samples) {
        double[][] out = new double[samples.size()][];
        if (samples.isEmpty()) return out;
        int q = model.config().quantiles().length;
        try (NDScope scope = new NDScope()) {
            Batch batch = batch(samples);   // closed with the scope
            float[] values = model.forward(batch.statics(), batch.past(), batch.future()).quantiles().toFloatArray();
            for (int i = 0; i < out.length; i++) {
                out[i] = new double[q];
                for (int k = 0; k < q; k++) out[i][k] = values[i * q + k];
                java.util.Arrays.sort(out[i]);
            }
        }
        return out;
    }

    /**
     * The TFT's own account of what it used: the past variables' selection weights averaged over the samples and the
     * lookback (they sum to 1), in the order of the model's past variables.
     */
    public double[] pastVariableImportance(List<TftWindows.Sample> samples) {
        double[] out = new double[model.config().pastVariables()];
        if (samples.isEmpty()) return out;
        try (NDScope scope = new NDScope()) {
            Batch batch = batch(samples);   // closed with the scope
            float[] mean = model.forward(batch.statics(), batch.past(), batch.future()).pastWeights().mean(new int[] {1}).mean(new int[] {0}).toFloatArray();
            for (int j = 0; j < out.length; j++) out[j] = mean[j];
        }
        return out;
    }

    public TftConfig config() {
        return model.config();
    }

    TemporalFusionTransformer model() {
        return model;
    }

    /** The tensors of a batch of samples, scaled; horizon 1 (the sample's target epoch). */
    record Batch(NDArray statics, NDArray past, NDArray future, NDArray targets) implements AutoCloseable {
        @Override
        public void close() {
            statics.close();
            past.close();
            future.close();
            targets.close();
        }
    }

    Batch batch(List<TftWindows.Sample> samples) {
        TftConfig c = model.config();
        int n = samples.size();
        int lookback = c.lookback();
        float[] statics = new float[n * c.staticVariables()];
        float[] past = new float[n * lookback * c.pastVariables()];
        float[] future = new float[n * c.futureVariables()];
        float[] targets = new float[n];
        for (int i = 0; i < n; i++) {
            TftWindows.Sample s = samples.get(i);
            if (s.past().length != lookback) throw new IllegalArgumentException("a sample has " + s.past().length + " past epochs, the model reads " + lookback);
            FeatureScaling.apply(s.statics(), scaling.staticMean(), scaling.staticStd(), statics, i * c.staticVariables());
            for (int t = 0; t < lookback; t++) {
                FeatureScaling.apply(s.past()[t], scaling.pastMean(), scaling.pastStd(), past, (i * lookback + t) * c.pastVariables());
            }
            FeatureScaling.apply(s.known(), scaling.knownMean(), scaling.knownStd(), future, i * c.futureVariables());
            targets[i] = Double.isFinite(s.target()) ? (float) s.target() : 0f;
        }
        return new Batch(manager.create(statics, new Shape(n, c.staticVariables())), manager.create(past, new Shape(n, lookback, c.pastVariables())),
                manager.create(future, new Shape(n, 1, c.futureVariables())), manager.create(targets, new Shape(n, 1)));
    }

    @Override
    public void close() {
        manager.close();
    }
}
