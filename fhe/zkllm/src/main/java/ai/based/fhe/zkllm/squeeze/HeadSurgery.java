package ai.based.fhe.zkllm.squeeze;

import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.Weights;
import java.util.Collection;

/**
 * Removes attention heads from a model by editing its weights: a pruned head's query, key and value columns and its
 * rows of the output projection become zero. Its scores are then zero, its Power-Softmax weights 0 / (0 + eps) and
 * its output nothing, exactly as if the head were absent, so no forward pass needs a mask.
 */
public final class HeadSurgery {
    private HeadSurgery() {}

    public static Weights prune(ModelConfig config, Weights weights, Collection<HeadRef> heads) {
        Weights out = new Weights();
        weights.all().forEach((name, t) -> out.put(name, new Weights.Tensor(t.shape().clone(), t.values().clone())));
        zero(config, out, heads);
        return out;
    }

    /**
     * Ones where the pruned model may learn, zeros where the pruned heads were, for the attention tensors of
     * {@code weights}' shapes: fine-tuning multiplies its updates' results by it, so the heads stay removed.
     */
    public static Weights mask(ModelConfig config, Weights weights, Collection<HeadRef> heads) {
        Weights out = new Weights();
        weights.all().forEach((name, t) -> {
            if (name.contains(".attn.")) {
                float[] ones = new float[t.values().length];
                java.util.Arrays.fill(ones, 1f);
                out.put(name, new Weights.Tensor(t.shape().clone(), ones));
            }
        });
        zero(config, out, heads);
        return out;
    }

    private static void zero(ModelConfig config, Weights out, Collection<HeadRef> heads) {
        int d = config.dModel();
        int dh = config.headDim();
        for (HeadRef h : heads) {
            if (h.layer() < 0 || h.layer() >= config.layers() || h.head() < 0 || h.head() >= config.heads()) {
                throw new IllegalArgumentException("no head " + h + " in a model of " + config.layers() + " layers x " + config.heads() + " heads");
            }
            String p = "h." + h.layer() + ".attn.";
            float[] qkv = out.get(p + "c_attn.w").values();
            float[] qkvBias = out.get(p + "c_attn.b").values();
            for (int section = 0; section < 3; section++) {
                for (int col = section * d + h.head() * dh; col < section * d + (h.head() + 1) * dh; col++) {
                    for (int row = 0; row < d; row++) qkv[row * 3 * d + col] = 0;
                    qkvBias[col] = 0;
                }
            }
            float[] proj = out.get(p + "c_proj.w").values();
            for (int row = h.head() * dh; row < (h.head() + 1) * dh; row++) java.util.Arrays.fill(proj, row * d, (row + 1) * d, 0f);
        }
    }
}
