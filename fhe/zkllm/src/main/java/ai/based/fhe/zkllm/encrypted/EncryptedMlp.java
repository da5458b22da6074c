package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.model.Weights;
import java.util.ArrayList;
import java.util.List;

/**
 * A layer's MLP sublayer of the polynomial GPT on a feature-major ciphertext of the whole sequence:
 * y = act(norm(x) W1 + b1) W2 + b2 with act(v) = 0.125 v² + 0.5 v + 0.25 = v (0.125 v + 0.5) + 0.25. The
 * inference-time normalisation is affine, so it is folded into W1 and b1 (operation merging): the sublayer costs
 * four levels — W1, the activation's two products, W2 — and no division. The hidden width is split into F-wide
 * blocks, each its own ciphertext.
 */
public final class EncryptedMlp {
    private final FeatureMajor layout;
    private final BatchedLinear linear;
    private final FoldedLinear up;
    private final FoldedLinear down;

    /** @param prefix the layer's weight prefix, e.g. {@code h.0.} */
    public EncryptedMlp(Weights weights, String prefix, FeatureMajor layout) {
        this(weights, prefix, layout, Runnable::run, DiagonalCache.none());
    }

    /**
     * @param encoding a caller-sized executor for encoding the diagonal plaintexts (see {@link BatchedLinear})
     * @param cache where encoded diagonals are kept between passes
     */
    public EncryptedMlp(Weights weights, String prefix, FeatureMajor layout, java.util.concurrent.Executor encoding, DiagonalCache cache) {
        this.layout = layout;
        this.linear = new BatchedLinear(layout, encoding, cache);
        this.up = FoldedLinear.of(weights, prefix + "ln_2", prefix + "mlp.c_fc", layout.features());
        this.down = FoldedLinear.of(weights, null, prefix + "mlp.c_proj", layout.features());
        if (down.outputBlocks() != 1 || down.blocks().getFirst().size() != up.outputBlocks()) {
            throw new IllegalArgumentException("the MLP weights under " + prefix + " do not fit " + layout.features() + " features");
        }
    }

    public List<Integer> rotationSteps() {
        return linear.rotationSteps();
    }

    /** Levels the sublayer consumes. */
    public static int depth() {
        return 4;
    }

    public Ciphertext apply(HeOps ops, Ciphertext x) {
        if (x.level() < depth()) {
            throw new IllegalArgumentException("the MLP needs " + depth() + " levels, the ciphertext has " + x.level()
                    + ": refresh it on the client first");
        }
        List<double[][]> blocks = new ArrayList<>();
        for (int o = 0; o < up.outputBlocks(); o++) blocks.add(up.single(o));
        List<Ciphertext> hidden = linear.applyEach(ops, x, blocks);
        List<Ciphertext> activated = new ArrayList<>();
        for (int o = 0; o < hidden.size(); o++) {
            Ciphertext v = ops.addSlots(hidden.get(o), layout.perFeature(up.biases().get(o)));
            double prime = ops.evaluator().parameters().ring().modulus(v.level()).q;
            Ciphertext affine = ops.evaluator().addConst(ops.rescale(ops.evaluator().mulConst(v, 0.125, prime)), 0.5);
            Ciphertext product = ops.mulRelinRescale(ops.evaluator().dropLevel(v, affine.level()), affine);
            activated.add(ops.evaluator().addConst(product, 0.25));
        }
        Ciphertext y = linear.apply(ops, activated, down.blocks().getFirst());
        return ops.addSlots(y, layout.perFeature(down.biases().getFirst()));
    }
}
