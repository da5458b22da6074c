package ai.based.fhe.zkllm.model;

import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * Trains a {@link PolyGpt} with Adam (linear warm-up, cosine decay) on random windows of the training stream and
 * measures it on non-overlapping windows of the held-out stream, next to a unigram baseline.
 */
public final class ModelTrainer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.99f;
    private static final float ADAM_EPS = 1e-8f;
    private static final int WARMUP = 100;
    private static final int EVAL_WINDOWS = 256;
    /** Gradients are scaled down to this global L2 norm: quadratic activations and powered scores grow fast. */
    private static final float CLIP_NORM = 1.0f;
    private static final int MAX_SKIPPED = 20;
    private static final IntPredicate NO_FAULTS = step -> false;
    private static final NDIndex ALL = new NDIndex("...");

    private ModelTrainer() {}

    public record Trained(Weights weights, ModelCard card) {}

    public static Trained train(ModelConfig config, BpeTokenizer tokenizer, TokenStream training, TokenStream heldOut,
            Consumer<String> progress) {
        return train(config, null, tokenizer, training, heldOut, progress);
    }

    /** Continues from {@code initial} weights when given (fine-tuning an imported model), else starts fresh. */
    public static Trained train(ModelConfig config, Weights initial, BpeTokenizer tokenizer, TokenStream training,
            TokenStream heldOut, Consumer<String> progress) {
        if (tokenizer.vocabSize() != config.vocab()) {
            throw new IllegalArgumentException("the tokenizer has " + tokenizer.vocabSize() + " tokens, the config " + config.vocab());
        }
        return run(config, initial, null, null, training, heldOut, progress, NO_FAULTS);
    }

    /**
     * Continues training {@code initial} for {@code config.steps()} steps with every parameter named in {@code mask}
     * multiplied by its mask after each update: a pruned model (its removed heads zero in the mask) recovers what it
     * lost without growing the heads back. With a {@code quantizer} the forward pass sees the weights quantized
     * (quantization-aware training); the weights returned are the full-precision ones.
     */
    public static Trained fineTune(ModelConfig config, Weights initial, Weights mask, FakeQuantizer quantizer, TokenStream training,
            TokenStream heldOut, Consumer<String> progress) {
        for (String name : mask.all().keySet()) {
            if (!initial.all().containsKey(name)) throw new IllegalArgumentException("the mask names '" + name + "', which the model does not have");
        }
        return run(config, initial, mask, quantizer, training, heldOut, progress, NO_FAULTS);
    }

    /**
     * The training loop. {@code overflowAt} is for tests: at the steps it accepts, the gradient is made non-finite after
     * the backward pass, so that the skipped-step path (rare in real runs, and where a heap corruption once hid) runs.
     */
    static Trained run(ModelConfig config, Weights initial, Weights mask, FakeQuantizer quantizer, TokenStream training,
            TokenStream heldOut, Consumer<String> progress, IntPredicate overflowAt) {
        long started = System.nanoTime();
        Random random = new Random(config.seed());
        try (NDManager base = NDManager.newBaseManager();
                PolyGpt model = initial == null ? PolyGpt.initialize(config, base) : PolyGpt.fromWeights(config, initial, base)) {
            model.fakeQuantize(quantizer);
            Map<String, NDArray> masks = new HashMap<>();
            if (mask != null) {
                mask.all().forEach((name, t) -> masks.put(name, base.create(t.values(), new ai.djl.ndarray.types.Shape(t.shape()))));
            }
            Map<String, NDArray[]> moments = new HashMap<>();
            for (var p : model.parameters().entrySet()) {
                moments.put(p.getKey(), new NDArray[] {p.getValue().zerosLike(), p.getValue().zerosLike()});
            }
            double recent = 0;
            int skipped = 0;
            for (int step = 1; step <= config.steps(); step++) {
                long[][] batch = training.randomBatch(random, config.batch(), config.context());
                try (NDScope scope = new NDScope()) {
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray logits = model.forward(model.tokens(batch[0], config.batch(), config.context()), true);
                        NDArray loss = crossEntropy(logits, model.tokens(batch[1], config.batch(), config.context()), config.vocab());
                        // a bounded attention's divisor is held under its ceiling by a penalty (PolyGpt#boundedWeights)
                        NDArray penalty = model.ceilingPenalty();
                        collector.backward(penalty == null ? loss : loss.add(penalty));
                        float value = loss.getFloat();
                        if (!Float.isFinite(value)) {
                            throw new IllegalStateException("training diverged at step " + step + " (loss " + value
                                    + "); lower the learning rate or the steps");
                        }
                        recent += value;
                    }
                    if (overflowAt.test(step)) model.parameters().values().iterator().next().getGradient().muli(Float.NaN);
                    // outside the collector: no graph. A step whose gradient overflowed is skipped, not applied: one
                    // non-finite update would poison every parameter.
                    if (!adamStep(model, moments, masks, step, learningRate(config, step))) {
                        skipped++;
                        progress.accept("step " + step + ": the gradient is not finite, update skipped (" + skipped + " so far)");
                    }
                    if (skipped > MAX_SKIPPED) {
                        throw new IllegalStateException("training diverged: " + skipped + " steps had non-finite gradients by step "
                                + step + "; lower the learning rate");
                    }
                }
                if (step % 100 == 0 || step == config.steps()) {
                    progress.accept(String.format("step %d/%d: training loss %.3f", step, config.steps(), recent / (step % 100 == 0 ? 100 : step % 100)));
                    recent = 0;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int windows = Math.min(EVAL_WINDOWS, heldOut.windows(config.context()));
            double validation = evaluate(model, heldOut, windows);
            double unigram = unigramLoss(training, heldOut, windows * config.context(), config.vocab());
            ModelCard card = new ModelCard(config, model.weights().parameterCount() - bufferCount(config),
                    (long) config.steps() * config.batch() * config.context(), seconds, validation, unigram,
                    windows * config.context(), Engine.getInstance().getEngineName().equals("PyTorch") ? threads() : 1,
                    java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
            return new Trained(model.weights(), card);
        }
    }

    /** Mean cross-entropy per token over the first {@code windows} held-out windows. */
    public static double evaluate(PolyGpt model, TokenStream heldOut, int windows) {
        int time = model.config().context();
        double total = 0;
        for (int w = 0; w < windows; w++) {
            long[][] window = heldOut.window(w, time);
            try (NDScope scope = new NDScope()) {
                NDArray logits = model.forward(model.tokens(window[0], 1, time), false);
                total += crossEntropy(logits, model.tokens(window[1], 1, time), model.config().vocab()).getFloat();
            }
        }
        return total / windows;
    }

    static NDArray crossEntropy(NDArray logits, NDArray targets, int vocab) {
        return logits.logSoftmax(-1).mul(targets.oneHot(vocab)).sum(new int[] {-1}).mean().neg();
    }

    /** Applies one clipped Adam update; returns false (and applies nothing) when the gradient is not finite. */
    private static boolean adamStep(PolyGpt model, Map<String, NDArray[]> moments, Map<String, NDArray> masks, int step, float lr) {
        float correction1 = 1 - (float) Math.pow(BETA1, step);
        float correction2 = 1 - (float) Math.pow(BETA2, step);
        double squares = 0;
        for (NDArray p : model.parameters().values()) squares += p.getGradient().square().sum().getFloat();
        if (!Double.isFinite(squares)) {
            clearGradients(model.parameters().values());
            return false;
        }
        float clip = (float) Math.min(1.0, CLIP_NORM / (Math.sqrt(squares) + 1e-12));
        for (var p : model.parameters().entrySet()) {
            NDArray grad = p.getValue().getGradient();
            if (clip < 1f) grad.muli(clip);
            NDArray[] mv = moments.get(p.getKey());
            mv[0].muli(BETA1).addi(grad.mul(1 - BETA1));
            mv[1].muli(BETA2).addi(grad.square().mul(1 - BETA2));
            NDArray update = mv[0].div(correction1).div(mv[1].div(correction2).sqrt().add(ADAM_EPS)).mul(lr);
            p.getValue().subi(update);
            NDArray mask = masks.get(p.getKey());
            if (mask != null) p.getValue().muli(mask);
            grad.subi(grad);
        }
        return true;
    }

    /**
     * Sets every gradient to zero in place, NaN and infinities included (NaN * 0 is NaN, so no arithmetic will do).
     * Not with {@code NDArray.set(float[])}: on PyTorch that makes the tensor's storage a Java direct buffer owned by the
     * temporary gradient wrapper, and once the wrapper is gone the Cleaner frees that buffer while the parameter's
     * {@code .grad} still points into it. The next backward pass then accumulates into freed memory that malloc has
     * handed to someone else: the "corrupted double-linked list" and "double free or corruption" aborts of long
     * trainings. Writing through an index copies into the gradient's own storage instead.
     */
    static void clearGradients(Iterable<NDArray> parameters) {
        for (NDArray p : parameters) p.getGradient().set(ALL, 0f);
    }

    private static float learningRate(ModelConfig config, int step) {
        if (step <= WARMUP) return config.learningRate() * step / WARMUP;
        double progress = (double) (step - WARMUP) / Math.max(1, config.steps() - WARMUP);
        return (float) (config.learningRate() * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * progress))));
    }

    /** Cross-entropy of an add-one-smoothed unigram model of the training tokens on the first held-out targets. */
    static double unigramLoss(TokenStream training, TokenStream heldOut, int targets, int vocab) {
        long[] counts = new long[vocab];
        for (int i = 0; i < training.size(); i++) counts[(int) training.token(i)]++;
        double total = training.size() + vocab;
        double loss = 0;
        for (int i = 1; i <= targets; i++) loss -= Math.log((counts[(int) heldOut.token(i)] + 1) / total);
        return loss / targets;
    }

    private static long bufferCount(ModelConfig config) {
        return 2L * config.dModel() * (2L * config.layers() + 1);
    }

    private static int threads() {
        String omp = System.getenv("OMP_NUM_THREADS");
        return omp != null ? Integer.parseInt(omp) : Runtime.getRuntime().availableProcessors();
    }
}
