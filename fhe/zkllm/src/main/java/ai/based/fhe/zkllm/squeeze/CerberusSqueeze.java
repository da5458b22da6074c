package ai.based.fhe.zkllm.squeeze;

import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.ModelTrainer;
import ai.based.fhe.zkllm.model.PolyGpt;
import ai.based.fhe.zkllm.model.TokenStream;
import ai.based.fhe.zkllm.model.Weights;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cerberus Squeezing's head selection (whitepaper §4.2): the significance S(h) of each head is the increase of the
 * calibration loss when the head alone is removed; heads are then kept above a threshold θ, the most significant K,
 * or the best split within an encrypted-cost budget ({@link FheCostModel}). The pruned model is then fine-tuned with
 * its removed heads held at zero, which recovers most of what pruning cost.
 */
public final class CerberusSqueeze {
    /** A third of the tiny model's training rate: the pruned model is close to a good point and must not leave it. */
    public static final float FINE_TUNE_RATE = 1e-3f;

    private CerberusSqueeze() {}

    /** S(h) for every head, in layer and head order, with the unpruned loss. */
    public record Significance(double baseLoss, Map<HeadRef, Double> byHead) {
        public List<HeadRef> ranked() {
            List<HeadRef> heads = new ArrayList<>(byHead.keySet());
            heads.sort(Comparator.comparing((HeadRef h) -> byHead.get(h)).reversed().thenComparing(h -> h));
            return heads;
        }
    }

    public static Significance significance(ModelConfig config, Weights weights, TokenStream calibration, int windows,
            Consumer<String> progress) {
        double base = loss(config, weights, calibration, windows);
        Map<HeadRef, Double> byHead = new LinkedHashMap<>();
        for (int l = 0; l < config.layers(); l++) {
            for (int h = 0; h < config.heads(); h++) {
                HeadRef head = new HeadRef(l, h);
                double ablated = loss(config, HeadSurgery.prune(config, weights, List.of(head)), calibration, windows);
                byHead.put(head, ablated - base);
                progress.accept(String.format("S(%s) = %+.4f", head, ablated - base));
            }
        }
        return new Significance(base, byHead);
    }

    /** Heads whose significance is below {@code theta}: the ones to prune. */
    public static List<HeadRef> belowThreshold(Significance s, double theta) {
        return s.byHead().entrySet().stream().filter(e -> e.getValue() < theta).map(Map.Entry::getKey).sorted().toList();
    }

    /** All but the {@code keep} most significant heads: the ones to prune. */
    public static List<HeadRef> keepMostSignificant(Significance s, int keep) {
        List<HeadRef> ranked = s.ranked();
        if (keep < 0 || keep > ranked.size()) throw new IllegalArgumentException("cannot keep " + keep + " of " + ranked.size() + " heads");
        return ranked.subList(keep, ranked.size()).stream().sorted().toList();
    }

    /** The heads to prune for the lowest calibration loss within {@code fraction} of the unpruned model's key switches. */
    public static List<HeadRef> withinBudget(ModelConfig config, Weights weights, Significance s, TokenStream calibration, int windows,
            double fraction) {
        if (!(fraction > 0 && fraction <= 1)) throw new IllegalArgumentException("a budget is a fraction in (0, 1], got " + fraction);
        FheCostModel cost = new FheCostModel(config, config.context());
        return cost.selectWithinBudget(s, (long) Math.floor(fraction * cost.unpruned()),
                heads -> loss(config, HeadSurgery.prune(config, weights, heads), calibration, windows));
    }

    /**
     * The pruned model trained {@code steps} more steps at {@link #FINE_TUNE_RATE} on the training text, its pruned
     * heads' weights held at zero throughout; {@code steps = 0} returns the pruned weights as they are. With a
     * {@code quantization} (null: none) the training is quantization-aware and the weights returned are quantized.
     */
    public static Weights fineTune(ModelConfig config, Weights pruned, List<HeadRef> heads, DynamicQuantization quantization,
            TokenStream training, TokenStream heldOut, int steps, Consumer<String> progress) {
        if (steps < 0) throw new IllegalArgumentException("fine-tuning steps cannot be negative: " + steps);
        Weights tuned = pruned;
        if (steps > 0) {
            ModelConfig tuning = config.withSteps(steps).withLearningRate(FINE_TUNE_RATE);
            // nothing pruned, nothing to hold at zero: no mask to multiply by after every step
            Weights mask = heads.isEmpty() ? new Weights() : HeadSurgery.mask(config, pruned, heads);
            tuned = ModelTrainer.fineTune(tuning, pruned, mask, quantization, training, heldOut, progress).weights();
        }
        return quantization == null ? tuned : quantization.quantize(tuned);
    }

    public static double loss(ModelConfig config, Weights weights, TokenStream calibration, int windows) {
        try (NDManager manager = NDManager.newBaseManager(); PolyGpt model = PolyGpt.fromWeights(config, weights, manager)) {
            return ModelTrainer.evaluate(model, calibration, windows);
        }
    }
}
