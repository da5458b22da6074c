package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.ckks.rlwe.Ciphertext;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A layer's Power-Softmax attention (p = 2) on a feature-major ciphertext of whole prompts, by causal offset: for
 * every offset δ the keys and values are shifted δ tokens along (a rotation by -δ slots), so that token t meets token
 * t - δ in the same slot, and
 * <ol>
 *   <li>P = Q ⊙ K_δ, summed over each head's features by 5 rotations (the score s sits in the head's first lane);</li>
 *   <li>s², masked to the head's first lane and to the tokens that have a δ-th predecessor in their own prompt, and
 *       weighted by 1/(position + 1) (the mean keeps Z̄ in range), then copied to the head's other lanes by 5
 *       rotations: that is A_δ;</li>
 *   <li>Z̄ += A_δ and N += A_δ ⊙ V_δ, the latter as unrelinearised tensor products relinearised once.</li>
 * </ol>
 * The client then supplies 1/Z̄ ({@link ClientRefresh#attention}) and the output is (N ⊙ 1/Z̄) W_O + b_O. The
 * normalisation is folded into W_Q, W_K, W_V and the 1/√d of the scores into W_Q (operation merging). Offsets are
 * rotated in baby-step giant-step groups of 8 (8 + 8 Galois keys for 64 offsets instead of 63), each group's babies
 * hoisted, and the groups are independent, so they run on the caller's executor.
 */
public final class EncryptedAttention {
    static final int GROUP = 8;
    private final FeatureMajor layout;
    private final int headLanes;
    private final BatchedLinear linear;
    private final FoldedLinear qkv;
    private final FoldedLinear projection;
    private final Executor offsets;

    public EncryptedAttention(ModelConfig config, Weights weights, String prefix, FeatureMajor layout, Executor encoding, Executor offsets) {
        if (config.power() != 2) throw new IllegalArgumentException("the encrypted attention evaluates p = 2, the model has p = " + config.power());
        if (config.dModel() != layout.features()) {
            throw new IllegalArgumentException("d_model " + config.dModel() + " does not fill the layout's " + layout.features() + " features");
        }
        this.layout = layout;
        this.headLanes = config.headDim();
        this.linear = new BatchedLinear(layout, encoding);
        this.qkv = FoldedLinear.of(weights, prefix + "ln_1", prefix + "attn.c_attn", layout.features())
                .scaleColumns(0, config.dModel(), 1 / Math.sqrt(config.headDim()));
        this.projection = FoldedLinear.of(weights, null, prefix + "attn.c_proj", layout.features());
        this.offsets = offsets;
    }

    /** Levels before the client's reciprocal: Q/K/V, Q ⊙ K, the square, the mask, A ⊙ V. */
    public static int depthBeforeReciprocal() {
        return 5;
    }

    /** Levels after it: N ⊙ 1/Z̄ and W_O. */
    public static int depthAfterReciprocal() {
        return 2;
    }

    public List<Integer> rotationSteps() {
        List<Integer> steps = new ArrayList<>(linear.rotationSteps());
        for (int lanes = 1; lanes < headLanes; lanes <<= 1) {
            steps.add(lanes * layout.tokens());
            steps.add(-lanes * layout.tokens());
        }
        for (int d = 1; d < GROUP; d++) steps.add(-d);
        for (int g = GROUP; g < layout.tokens(); g += GROUP) steps.add(-g);
        return steps.stream().distinct().toList();
    }

    /** Numerator N (per feature) and mean denominator Z̄ (per head, copied to its lanes), before the division. */
    public record Mix(Ciphertext numerator, Ciphertext meanDenominator) {}

    public Mix scores(HeOps ops, Ciphertext x, TokenSegments segments) {
        if (x.level() < depthBeforeReciprocal()) {
            throw new IllegalArgumentException("attention needs " + depthBeforeReciprocal() + " levels, the ciphertext has " + x.level());
        }
        List<Ciphertext> projected = linear.applyEach(ops, x, List.of(qkv.single(0), qkv.single(1), qkv.single(2)));
        Ciphertext q = ops.addSlots(projected.get(0), layout.perFeature(qkv.biases().get(0)));
        Ciphertext k = ops.addSlots(projected.get(1), layout.perFeature(qkv.biases().get(1)));
        Ciphertext v = ops.addSlots(projected.get(2), layout.perFeature(qkv.biases().get(2)));
        int longest = segments.longest();
        List<CompletableFuture<Ciphertext[]>> groups = new ArrayList<>();
        for (int g = 0; g < longest; g += GROUP) {
            int first = g;
            int last = Math.min(g + GROUP, longest);
            groups.add(CompletableFuture.supplyAsync(() -> group(ops, q, k, v, segments, first, last), offsets));
        }
        Ciphertext z = null;
        Ciphertext n = null;
        for (CompletableFuture<Ciphertext[]> group : groups) {
            Ciphertext[] partial = group.join();
            z = z == null ? partial[0] : ops.add(z, partial[0]);
            n = n == null ? partial[1] : ops.add(n, partial[1]);
        }
        return new Mix(ops.rescale(ops.relinearize(n)), z);
    }

    /** Offsets [first, last): their partial Z̄ and their unrelinearised partial N. */
    private Ciphertext[] group(HeOps ops, Ciphertext q, Ciphertext k, Ciphertext v, TokenSegments segments, int first, int last) {
        Ciphertext kGiant = first == 0 ? k : ops.rotate(k, -first);
        Ciphertext vGiant = first == 0 ? v : ops.rotate(v, -first);
        List<Integer> babies = new ArrayList<>();
        for (int d = 1; d < last - first; d++) babies.add(-d);
        Map<Integer, Ciphertext> kShifted = ops.rotateHoisted(kGiant, babies);
        Map<Integer, Ciphertext> vShifted = ops.rotateHoisted(vGiant, babies);
        Ciphertext z = null;
        Ciphertext n = null;
        for (int delta = first; delta < last; delta++) {
            int baby = delta - first;
            Ciphertext kd = baby == 0 ? kGiant : kShifted.get(-baby);
            Ciphertext vd = baby == 0 ? vGiant : vShifted.get(-baby);
            Ciphertext s = headSum(ops, ops.mulRelinRescale(q, kd), 1);
            Ciphertext a = headSum(ops, ops.mulSlotsRescale(ops.mulRelinRescale(s, s), mask(segments, delta)), -1);
            Ciphertext term = ops.multiply(a, ops.evaluator().dropLevel(vd, a.level()));
            z = z == null ? a : ops.add(z, a);
            n = n == null ? term : ops.add(n, term);
        }
        return new Ciphertext[] {z, n};
    }

    /**
     * direction 1: lane c gets the sum of lanes c .. c + 31 (a head's total in its first lane); -1: lanes c - 31 .. c
     * (a value in a head's first lane copied to all of its lanes, the others being zero).
     */
    private Ciphertext headSum(HeOps ops, Ciphertext c, int direction) {
        Ciphertext sum = c;
        for (int lanes = 1; lanes < headLanes; lanes <<= 1) sum = ops.add(sum, ops.rotate(sum, direction * lanes * layout.tokens()));
        return sum;
    }

    /** 1/(position + 1) in each head's first lane for tokens whose prompt has a token δ before them, else 0. */
    private double[] mask(TokenSegments segments, int delta) {
        double[] values = new double[layout.slots()];
        for (int t = 0; t < layout.tokens(); t++) {
            int position = segments.position(t);
            if (position < delta) continue;
            for (int lane = 0; lane < layout.features(); lane += headLanes) values[lane * layout.tokens() + t] = 1.0 / (position + 1);
        }
        return values;
    }

    /** (N ⊙ 1/Z̄) W_O + b_O from the client's fresh numerator and reciprocal. */
    public Ciphertext output(HeOps ops, ClientRefresh.Reciprocal fresh) {
        Ciphertext mixed = ops.mulRelinRescale(fresh.numerator(), fresh.reciprocal());
        Ciphertext y = linear.apply(ops, List.of(mixed), List.<double[][]>of(projection.single(0)));
        return ops.addSlots(y, layout.perFeature(projection.biases().getFirst()));
    }
}
