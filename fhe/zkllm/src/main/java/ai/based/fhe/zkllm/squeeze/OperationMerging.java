package ai.based.fhe.zkllm.squeeze;

import ai.based.fhe.zkllm.encrypted.EncryptedAttention;
import ai.based.fhe.zkllm.encrypted.EncryptedMlp;
import ai.based.fhe.zkllm.model.ModelConfig;

/**
 * What Cerberus Squeezing's operation merging saves in the encrypted circuit. The circuit folds every normalisation's
 * affine map (ln_1, ln_2 and ln_f) into the linear map after it, the scores' 1/√d into W_Q, and the mean's
 * 1/(position + 1) into the causal mask; without those merges each is a plaintext product and a rescale of its own, so
 * a level. The depths here are the circuit's ({@link EncryptedAttention}, {@link EncryptedMlp}); the client round trips
 * follow the same rule as {@code EncryptedGpt}: a refresh wherever the next stage needs more levels than are left, one
 * more inside a stage deeper than the whole chain, and the reciprocal of every attention layer.
 */
public final class OperationMerging {
    private static final int OUTPUT_DEPTH = 2;
    private static final int LOGITS_DEPTH = 1;

    private OperationMerging() {}

    /**
     * One circuit's shape: levels per stage, the client round trips on a chain of {@code chainLevels}, and the
     * plaintext products (each with its rescale) that the merges remove or, unmerged, add.
     */
    public record Circuit(int attentionDepth, int outputDepth, int mlpDepth, int logitsDepth, int roundTrips, long mergeableProducts) {
        /** Levels of one full layer: attention to the reciprocal, the output projection, the MLP. */
        public int layerDepth() {
            return attentionDepth + outputDepth + mlpDepth;
        }
    }

    /** The circuit as {@code EncryptedGpt} runs it. */
    public static Circuit merged(int[] keptPerLayer, int chainLevels) {
        return circuit(EncryptedAttention.depthBeforeReciprocal(), EncryptedMlp.depth(), LOGITS_DEPTH, 0, keptPerLayer, chainLevels);
    }

    /** The same circuit with every merge undone. */
    public static Circuit unmerged(ModelConfig config, int tokens, int[] keptPerLayer, int chainLevels) {
        FheCostModel cost = new FheCostModel(config, tokens);
        long products = 1; // ln_f before the logits
        for (int kept : keptPerLayer) {
            products += 1; // ln_2 before the MLP
            if (kept > 0) products += 2 + cost.offsetBases(kept); // ln_1, 1/√d, a weight per offset base
        }
        return circuit(EncryptedAttention.depthBeforeReciprocal() + 3, EncryptedMlp.depth() + 1, LOGITS_DEPTH + 1, products, keptPerLayer,
                chainLevels);
    }

    private static Circuit circuit(int attention, int mlp, int logits, long products, int[] keptPerLayer, int chainLevels) {
        int level = chainLevels;
        int rounds = 0;
        for (int kept : keptPerLayer) {
            if (kept > 0) {
                int[] stage = enter(level, attention, chainLevels);
                rounds += stage[1] + 1; // and the reciprocal, which returns a fresh numerator
                level = enter(chainLevels, OUTPUT_DEPTH, chainLevels)[0];
            }
            int[] stage = enter(level, mlp, chainLevels);
            rounds += stage[1];
            level = stage[0];
        }
        rounds += enter(level, logits, chainLevels)[1];
        return new Circuit(attention, OUTPUT_DEPTH, mlp, logits, rounds, products);
    }

    /** {level after a stage of {@code depth} levels entered at {@code level}, client refreshes it took}. */
    private static int[] enter(int level, int depth, int chainLevels) {
        int refreshes = 0;
        if (level < Math.min(depth, chainLevels)) {
            level = chainLevels;
            refreshes++;
        }
        int left = depth;
        while (left > level) { // a stage deeper than the chain is cut where the levels run out
            left -= level;
            level = chainLevels;
            refreshes++;
        }
        return new int[] {level - left, refreshes};
    }
}
