package ai.based.fhe.zkllm.diagnosis;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains the {@link DiagnosisModel} with DJL (PyTorch): full-batch Adam on the binary cross-entropy of the logits plus an
 * L2 penalty on the weights, from a seeded initialisation. Every step sees all training records in the same order, so a
 * run is a function of the records and the {@link Config} (on one PyTorch thread, bit for bit). The DJL rules of
 * {@code ModelTrainer} are kept: constants of the differentiable graph are tensors, gradients are cleared through an
 * index.
 */
public final class DiagnosisTrainer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float ADAM_EPS = 1e-8f;
    private static final NDIndex ALL = new NDIndex("...");

    private DiagnosisTrainer() {}

    /** @param hidden hidden units (at most 32: one ciphertext's feature blocks) */
    public record Config(int hidden, int steps, float learningRate, float l2, long seed) {
        public static final Config DEFAULT = new Config(16, 1500, 0.01f, 1e-3f, 19);

        public Config {
            if (hidden < 1 || hidden > 32) throw new IllegalArgumentException("hidden units must be 1 to 32, not " + hidden);
            if (steps < 1) throw new IllegalArgumentException("steps must be positive, not " + steps);
        }
    }

    public record Trained(DiagnosisModel model, double seconds) {}

    public static Trained train(PatientRecords training, Config config, Consumer<String> progress) {
        long started = System.nanoTime();
        int n = training.size();
        int d = DiagnosisModel.FEATURES;
        double[] mean = Standardisation.mean(training.features());
        double[] std = Standardisation.std(training.features(), mean);
        double[][] x = Standardisation.apply(training.features(), mean, std);
        float[] flatX = new float[n * d];
        float[] y = new float[n];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) flatX[r * d + i] = (float) x[r][i];
            y[r] = training.labels()[r];
        }
        SplittableRandom random = new SplittableRandom(config.seed());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray inputs = manager.create(flatX, new Shape(n, d));
            NDArray targets = manager.create(y, new Shape(n, 1));
            NDArray zero = manager.create(0f);
            NDArray one = manager.create(1f);
            NDArray quadratic = manager.create(0.125f);
            NDArray linear = manager.create(0.5f);
            NDArray constant = manager.create(0.25f);
            NDArray l2 = manager.create(config.l2());
            NDArray w1 = parameter(manager, gaussian(random, d * config.hidden(), 1 / Math.sqrt(d)), new Shape(d, config.hidden()));
            NDArray b1 = parameter(manager, new float[config.hidden()], new Shape(config.hidden()));
            NDArray w2 = parameter(manager, gaussian(random, config.hidden(), 0.1), new Shape(config.hidden(), 1));
            NDArray b2 = parameter(manager, new float[1], new Shape(1));
            List<NDArray> parameters = List.of(w1, b1, w2, b2);
            NDArray[][] moments = new NDArray[parameters.size()][];
            for (int p = 0; p < parameters.size(); p++) moments[p] = new NDArray[] {parameters.get(p).zerosLike(), parameters.get(p).zerosLike()};
            for (int step = 1; step <= config.steps(); step++) {
                try (NDScope scope = new NDScope()) {
                    float value;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray h = inputs.matMul(w1).add(b1);
                        NDArray act = h.square().mul(quadratic).add(h.mul(linear)).add(constant);
                        NDArray z = act.matMul(w2).add(b2);
                        // binary cross-entropy with logits, in its stable form: max(z, 0) - y z + log(1 + e^-|z|)
                        NDArray loss = z.maximum(zero).sub(z.mul(targets)).add(z.abs().neg().exp().add(one).log()).mean()
                                .add(w1.square().sum().add(w2.square().sum()).mul(l2));
                        collector.backward(loss);
                        value = loss.getFloat();
                    }
                    if (!Float.isFinite(value)) throw new IllegalStateException("training diverged at step " + step + " (loss " + value + "): lower the learning rate");
                    adamStep(parameters, moments, step, config.learningRate());
                    if (step % 250 == 0 || step == config.steps()) progress.accept(String.format("step %d/%d: training loss %.4f", step, config.steps(), value));
                }
            }
            DiagnosisModel raw = new DiagnosisModel(mean, std, rows(w1.toFloatArray(), d, config.hidden()), doubles(b1.toFloatArray()),
                    doubles(w2.toFloatArray()), b2.toFloatArray()[0]);
            // through the stored float32 form, so the model returned is exactly the one a package holds
            return new Trained(DiagnosisModel.fromWeights(raw.toWeights()), (System.nanoTime() - started) / 1e9);
        }
    }

    private static void adamStep(List<NDArray> parameters, NDArray[][] moments, int step, float lr) {
        float correction1 = 1 - (float) Math.pow(BETA1, step);
        float correction2 = 1 - (float) Math.pow(BETA2, step);
        for (int p = 0; p < parameters.size(); p++) {
            NDArray grad = parameters.get(p).getGradient();
            NDArray[] mv = moments[p];
            mv[0].muli(BETA1).addi(grad.mul(1 - BETA1));
            mv[1].muli(BETA2).addi(grad.square().mul(1 - BETA2));
            parameters.get(p).subi(mv[0].div(correction1).div(mv[1].div(correction2).sqrt().add(ADAM_EPS)).mul(lr));
            grad.set(ALL, 0f);
        }
    }

    private static NDArray parameter(NDManager manager, float[] values, Shape shape) {
        NDArray array = manager.create(values, shape);
        array.setRequiresGradient(true);
        return array;
    }

    private static float[] gaussian(SplittableRandom random, int count, double sigma) {
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            // Box-Muller on the seeded stream (SplittableRandom has no nextGaussian before Java 17's RandomGenerator)
            double u = 1 - random.nextDouble();
            out[i] = (float) (sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return out;
    }

    /** w1 is stored input-major ([d][hidden]) by the trainer; the model keeps it unit-major ([hidden][d]). */
    private static double[][] rows(float[] inputMajor, int d, int hidden) {
        double[][] out = new double[hidden][d];
        for (int i = 0; i < d; i++) for (int j = 0; j < hidden; j++) out[j][i] = inputMajor[i * hidden + j];
        return out;
    }

    private static double[] doubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) out[i] = values[i];
        return out;
    }
}
