package ai.based.fhe.zkllm.model;

import ai.based.fhe.zkllm.text.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Turns a Power-Softmax model into one with a bounded attention divisor ({@link BoundedAttention}) by fine-tuning, not
 * by training from scratch. The original attention is invariant to the scale of each head's scores, so a head's scores
 * can sit at any magnitude; first each head's queries are rescaled so that its median Z̄ on training text lands at the
 * geometric middle of [c, U] (which leaves the original model's outputs unchanged up to its ε), then the model is trained
 * with the floor in the divisor and the ceiling penalty, and learns to live inside the interval.
 */
public final class BoundedFineTune {
    private static final int CALIBRATION_PROMPTS = 200;

    private BoundedFineTune() {}

    /** The fine-tuned package: {@code <name>-bounded}, its card measured on the held-out stream as the trainer does. */
    public static ModelPackage run(ModelPackage original, BoundedAttention bounds, int steps, float learningRate, TokenStream.Splits splits,
            Corpus corpus, Consumer<String> progress) {
        ModelConfig source = original.config();
        if (source.boundedAttention() != null) throw new IllegalArgumentException(source.name() + " already has a bounded attention");
        List<int[]> calibration = HeldOutPrompts.spread(corpus.training(), original.tokenizer(), CALIBRATION_PROMPTS, source.context());
        Weights centred = centreHeads(source, original.weights(), calibration, Math.sqrt(bounds.floor() * bounds.ceiling()), progress);
        ModelConfig config = source.renamed(source.name() + "-bounded").withBoundedAttention(bounds).withSteps(steps).withLearningRate(learningRate);
        ModelTrainer.Trained trained = ModelTrainer.train(config, centred, original.tokenizer(), splits.training(), splits.heldOut(), progress);
        ModelCard tuned = trained.card();
        // the card counts the whole history: the original's training and the fine-tuning on top of it
        ModelCard card = new ModelCard(config, tuned.parameters(), original.card().tokensSeen() + tuned.tokensSeen(),
                original.card().trainingSeconds() + tuned.trainingSeconds(), tuned.validationLoss(), tuned.unigramLoss(), tuned.validationTokens(),
                tuned.threads(), tuned.trainedOn());
        return new ModelPackage(config, original.tokenizer(), trained.weights(), card);
    }

    /** Each head's query columns (weights and bias) scaled by √(target / median Z̄): Z̄ scales with the square of the scores. */
    static Weights centreHeads(ModelConfig config, Weights weights, List<int[]> prompts, double target, Consumer<String> progress) {
        int heads = config.heads();
        List<List<Double>> seen = new ArrayList<>();
        for (int i = 0; i < config.layers() * heads; i++) seen.add(new ArrayList<>());
        PlainGpt plain = new PlainGpt(config, weights);
        for (int[] prompt : prompts) {
            plain.logits(prompt, new PlainGpt.DenominatorProbe() {
                @Override
                public void observe(int layer, double mean) {
                    throw new AssertionError("the four-argument probe is called");
                }

                @Override
                public void observe(int layer, int head, int position, double mean) {
                    seen.get(layer * heads + head).add(mean);
                }
            });
        }
        Weights out = new Weights();
        weights.all().forEach((name, t) -> out.put(name, new Weights.Tensor(t.shape().clone(), t.values().clone())));
        int d = config.dModel();
        int dh = config.headDim();
        for (int l = 0; l < config.layers(); l++) {
            float[] w = out.get("h." + l + ".attn.c_attn.w").values();
            float[] b = out.get("h." + l + ".attn.c_attn.b").values();
            for (int h = 0; h < heads; h++) {
                double[] z = seen.get(l * heads + h).stream().mapToDouble(Double::doubleValue).sorted().toArray();
                double median = z[z.length / 2];
                if (!(median > 0)) continue; // a pruned head: nothing to centre
                float factor = (float) Math.sqrt(target / median);
                progress.accept(String.format("layer %d head %d: median Z̄ %.3g, queries scaled by %.3g", l, h, median, factor));
                for (int col = h * dh; col < (h + 1) * dh; col++) {
                    b[col] *= factor;
                    for (int row = 0; row < d; row++) w[row * 3 * d + col] *= factor;
                }
            }
        }
        return out;
    }
}
