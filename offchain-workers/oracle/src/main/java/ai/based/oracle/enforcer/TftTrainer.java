package ai.based.oracle.enforcer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains a {@link TemporalFusionTransformer} on samples with the quantile loss: full-batch Adam with the gradient's global
 * L2 norm clipped to 1, from the config's seed; at most {@link #MAX_SAMPLES} samples, the most recent ones, so a full
 * Brain's years of history still train in seconds. A step whose loss is not finite is skipped (gradients cleared through
 * an index, the DJL rule fhe/zkllm keeps), and training gives up after {@link #MAX_SKIPPED} of them.
 */
public final class TftTrainer {
    public static final int MAX_SAMPLES = 4096;
    private static final int MAX_SKIPPED = 20;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float ADAM_EPS = 1e-8f;
    private static final double CLIP_NORM = 1.0;
    private static final NDIndex ALL = new NDIndex("...");

    private TftTrainer() {}

    /** Trains a fresh model; the caller closes the result. */
    public static TrainedTft train(TftConfig config, List<TftWindows.Sample> samples, Consumer<String> progress) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("cannot train the TFT on no samples: the history has no complete " + config.lookback() + "-epoch window");
        }
        List<TftWindows.Sample> used = recent(samples);
        FeatureScaling scaling = FeatureScaling.fit(used);
        NDManager manager = NDManager.newBaseManager();
        try {
            TemporalFusionTransformer model = new TemporalFusionTransformer(config, manager);
            TrainedTft trained = new TrainedTft(model, scaling, manager);
            QuantileLoss loss = new QuantileLoss(model.store(), config.quantiles());
            List<NDArray> parameters = new ArrayList<>(model.parameters().values());
            List<NDArray[]> moments = new ArrayList<>();
            for (NDArray p : parameters) moments.add(new NDArray[] {p.zerosLike(), p.zerosLike()});
            try (TrainedTft.Batch batch = trained.batch(used)) {
                int skipped = 0;
                for (int step = 1; step <= config.steps(); step++) {
                    try (NDScope scope = new NDScope()) {
                        float value;
                        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                            NDArray predicted = model.forward(batch.statics(), batch.past(), batch.future()).quantiles();
                            NDArray l = loss.apply(predicted, batch.targets());
                            collector.backward(l);
                            value = l.getFloat();
                        }
                        if (!Float.isFinite(value) || !clip(parameters)) {
                            clearGradients(parameters);
                            if (++skipped > MAX_SKIPPED) {
                                throw new IllegalStateException("TFT training diverged: " + skipped + " steps with a non-finite loss or gradient");
                            }
                            continue;
                        }
                        adamStep(parameters, moments, step, config.learningRate());
                        if (step % 100 == 0 || step == config.steps()) {
                            progress.accept(String.format("TFT step %d/%d: pinball loss %.4f", step, config.steps(), value));
                        }
                    }
                }
            }
            return trained;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The most recent samples (by target epoch), at most MAX_SAMPLES, in a fixed order. */
    static List<TftWindows.Sample> recent(List<TftWindows.Sample> samples) {
        List<TftWindows.Sample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingLong(TftWindows.Sample::targetEpoch).reversed()
                .thenComparingLong(TftWindows.Sample::brainId).thenComparingInt(TftWindows.Sample::uid));
        return sorted.subList(0, Math.min(MAX_SAMPLES, sorted.size()));
    }

    /** Scales the gradients to a global L2 norm of at most CLIP_NORM; false when the norm is not finite. */
    private static boolean clip(List<NDArray> parameters) {
        double squares = 0;
        for (NDArray p : parameters) squares += p.getGradient().square().sum().getFloat();
        double norm = Math.sqrt(squares);
        if (!Double.isFinite(norm)) return false;
        if (norm > CLIP_NORM) {
            float factor = (float) (CLIP_NORM / norm);
            for (NDArray p : parameters) p.getGradient().muli(factor);
        }
        return true;
    }

    private static void adamStep(List<NDArray> parameters, List<NDArray[]> moments, int step, float lr) {
        float correction1 = 1 - (float) Math.pow(BETA1, step);
        float correction2 = 1 - (float) Math.pow(BETA2, step);
        for (int p = 0; p < parameters.size(); p++) {
            NDArray grad = parameters.get(p).getGradient();
            NDArray[] mv = moments.get(p);
            mv[0].muli(BETA1).addi(grad.mul(1 - BETA1));
            mv[1].muli(BETA2).addi(grad.square().mul(1 - BETA2));
            parameters.get(p).subi(mv[0].div(correction1).div(mv[1].div(correction2).sqrt().add(ADAM_EPS)).mul(lr));
            grad.set(ALL, 0f);
        }
    }

    private static void clearGradients(List<NDArray> parameters) {
        for (NDArray p : parameters) p.getGradient().set(ALL, 0f);
    }
}
