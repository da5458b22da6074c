package ai.based.fhe.zkllm.squeeze;

import ai.based.fhe.zkllm.encrypted.HeadPacking;
import ai.based.fhe.zkllm.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a model costs under encryption, in key switches (rotations and relinearisations: the operations that dominate
 * CKKS time, about 20 ms each at N = 16384 on the development machine) for one forward pass over a prompt of T tokens,
 * counted exactly as {@code EncryptedGpt} performs them (a test checks the count against the executed circuit). Only
 * attention depends on the kept heads, through {@link HeadPacking}: a layer keeping 2 of 4 heads runs half the offset
 * loop, 1 head a quarter, none nothing. Multiplied by a measured seconds-per-key-switch it estimates latency.
 */
public final class FheCostModel {
    private static final int BABY = 15;
    private static final int GIANT = 7;
    private static final int GROUP = 8;
    private static final int LANES_LOG = 5;
    private final ModelConfig config;
    private final int tokens;

    public FheCostModel(ModelConfig config, int tokens) {
        if (config.dModel() != 128) throw new IllegalArgumentException("the cost model counts the 128-feature circuit, not d_model " + config.dModel());
        this.config = config;
        this.tokens = tokens;
    }

    /** Offsets per ciphertext when a layer keeps {@code kept} heads (at least one), as {@link HeadPacking} packs them. */
    int copies(int kept) {
        boolean[] pruned = new boolean[config.heads()];
        for (int h = kept; h < pruned.length; h++) pruned[h] = true;
        return HeadPacking.of(config.dModel(), config.headDim(), pruned).copies();
    }

    /** Ciphertexts of offsets the attention loop runs over when a layer keeps {@code kept} heads. */
    int offsetBases(int kept) {
        int copies = copies(kept);
        return (tokens + copies - 1) / copies;
    }

    /** Key switches of one layer's attention keeping {@code kept} heads. */
    public long attention(int kept) {
        if (kept == 0) return 0;
        int copies = copies(kept);
        int bases = offsetBases(kept);
        long count = (copies - 1) + (long) copies * BABY + 3L * GIANT;
        for (int first = 0; first < bases; first += GROUP) {
            int inGroup = Math.min(GROUP, bases - first);
            count += (first == 0 ? 0 : 2) + 2L * (inGroup - 1);
        }
        count += bases * (2L * LANES_LOG + 2);
        count += 1 + 2L * Integer.numberOfTrailingZeros(copies);
        count += BABY + GIANT + 1;
        return count;
    }

    /** Key switches of everything else: MLPs (4 blocks up, 4 down, 4 activations), the logits (8 blocks), refresh-free. */
    public long fixed() {
        long mlp = BABY + 4L * GIANT + 4 + 4L * BABY + GIANT;
        long logits = BABY + (long) (config.vocab() / config.dModel()) * GIANT;
        return config.layers() * mlp + logits;
    }

    /** Key switches of the model with every head. */
    public long unpruned() {
        int[] all = new int[config.layers()];
        java.util.Arrays.fill(all, config.heads());
        return total(all);
    }

    public long total(int[] keptPerLayer) {
        long sum = fixed();
        for (int kept : keptPerLayer) sum += attention(kept);
        return sum;
    }

    /**
     * Heads to prune under a budget: for every split of kept heads per layer whose cost fits (each layer keeping its k
     * most significant heads), the calibration loss of the pruned model is measured, and the lowest wins. Summed
     * single-head significances are not used to compare splits: they are not additive (removing a whole layer's heads
     * costs far more than the sum of removing each alone).
     */
    public List<HeadRef> selectWithinBudget(CerberusSqueeze.Significance significance, long budget,
            java.util.function.ToDoubleFunction<List<HeadRef>> calibrationLoss) {
        int layers = config.layers();
        int heads = config.heads();
        List<HeadRef> best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int[] choice = new int[layers];
        int combinations = (int) Math.pow(heads + 1, layers);
        for (int c = 0; c < combinations; c++) {
            int code = c;
            for (int l = 0; l < layers; l++) {
                choice[l] = code % (heads + 1);
                code /= heads + 1;
            }
            if (total(choice) > budget) continue;
            List<HeadRef> pruned = new ArrayList<>();
            for (int l = 0; l < layers; l++) {
                List<HeadRef> keep = topK(significance.byHead(), l, choice[l]);
                for (int h = 0; h < heads; h++) if (!keep.contains(new HeadRef(l, h))) pruned.add(new HeadRef(l, h));
            }
            double loss = calibrationLoss.applyAsDouble(pruned);
            if (loss < bestLoss) {
                bestLoss = loss;
                best = pruned;
            }
        }
        if (best == null) throw new IllegalArgumentException("no head selection fits a budget of " + budget + " key switches (the model without "
                + "attention needs " + fixed() + ")");
        return best;
    }

    /** Kept heads per layer after pruning {@code pruned}. */
    public int[] keptPerLayer(List<HeadRef> pruned) {
        int[] kept = new int[config.layers()];
        java.util.Arrays.fill(kept, config.heads());
        for (HeadRef h : pruned) kept[h.layer()]--;
        return kept;
    }

    private static List<HeadRef> topK(Map<HeadRef, Double> byHead, int layer, int k) {
        return byHead.keySet().stream().filter(h -> h.layer() == layer)
                .sorted(java.util.Comparator.comparing((HeadRef h) -> byHead.get(h)).reversed().thenComparing(h -> h)).limit(k).toList();
    }
}
