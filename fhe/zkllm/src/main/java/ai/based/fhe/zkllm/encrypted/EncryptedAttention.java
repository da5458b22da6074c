package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.rlwe.Ciphertext;
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
 *   <li>P = Q ⊙ K_δ, summed over each head's features by rotations (the score s sits in the head's first lane);</li>
 *   <li>s², masked to the head's first lane and to the tokens that have a δ-th predecessor in their own prompt, and
 *       weighted by 1/(position + 1) (the mean keeps Z̄ in range), then copied to the head's other lanes: A_δ;</li>
 *   <li>Z̄ += A_δ and N += A_δ ⊙ V_δ, the latter as unrelinearised tensor products relinearised once.</li>
 * </ol>
 * The client then supplies 1/Z̄ ({@link ClientRefresh#attention}) and the output is (N ⊙ 1/Z̄) W_O + b_O. The
 * normalisation is folded into W_Q, W_K, W_V and the 1/√d of the scores into W_Q (operation merging). Kept heads are
 * packed so that one ciphertext carries several offsets ({@link HeadPacking}). Offset bases are rotated in baby-step
 * giant-step groups of 8 (16 Galois keys for 64 offsets instead of 63), each group's babies hoisted; groups are
 * independent and run on the caller's executor.
 */
public final class EncryptedAttention {
    static final int GROUP = 8;
    private final FeatureMajor layout;
    private final int headLanes;
    private final HeadPacking packing;
    private final BatchedLinear linear;
    private final double[][] query;
    private final List<double[][]> keys = new ArrayList<>();
    private final List<double[][]> values = new ArrayList<>();
    private final double[] queryBias;
    private final double[] keyBias;
    private final double[] valueBias;
    private final double[][] projection;
    private final double[] projectionBias;
    private final Executor offsets;

    public EncryptedAttention(ModelConfig config, Weights weights, String prefix, FeatureMajor layout, Executor encoding, DiagonalCache cache,
            Executor offsets) {
        if (config.power() != 2) throw new IllegalArgumentException("the encrypted attention evaluates p = 2, the model has p = " + config.power());
        if (config.dModel() != layout.features()) {
            throw new IllegalArgumentException("d_model " + config.dModel() + " does not fill the layout's " + layout.features() + " features");
        }
        this.layout = layout;
        this.headLanes = config.headDim();
        this.linear = new BatchedLinear(layout, encoding, cache);
        this.offsets = offsets;
        FoldedLinear qkv = FoldedLinear.of(weights, prefix + "ln_1", prefix + "attn.c_attn", layout.features())
                .scaleColumns(0, config.dModel(), 1 / Math.sqrt(config.headDim()));
        FoldedLinear out = FoldedLinear.of(weights, null, prefix + "attn.c_proj", layout.features());
        this.packing = HeadPacking.of(layout.features(), headLanes, pruned(config, qkv, out));
        this.query = packing.columns(qkv.single(0), -1);
        this.queryBias = packing.columns(qkv.biases().get(0), true);
        for (int copy = 0; copy < packing.copies(); copy++) {
            keys.add(packing.columns(qkv.single(1), copy));
            values.add(packing.columns(qkv.single(2), copy));
        }
        this.keyBias = packing.columns(qkv.biases().get(1), true);
        this.valueBias = packing.columns(qkv.biases().get(2), true);
        this.projection = packing.rows(out.single(0));
        this.projectionBias = out.biases().getFirst();
    }

    /** A head is pruned when its query, key and value columns and its output rows are all zero. */
    private static boolean[] pruned(ModelConfig config, FoldedLinear qkv, FoldedLinear out) {
        boolean[] pruned = new boolean[config.heads()];
        int dh = config.headDim();
        for (int h = 0; h < pruned.length; h++) {
            boolean zero = true;
            for (int col = h * dh; col < (h + 1) * dh && zero; col++) {
                for (int section = 0; section < 3 && zero; section++) {
                    if (qkv.biases().get(section)[col] != 0) zero = false;
                    for (double[] row : qkv.single(section)) if (row[col] != 0) zero = false;
                }
                for (double v : out.single(0)[col]) if (v != 0) zero = false;
            }
            pruned[h] = zero;
        }
        return pruned;
    }

    public HeadPacking packing() {
        return packing;
    }

    /** Levels before the client's reciprocal: Q/K/V, Q ⊙ K, the square, the mask, A ⊙ V. */
    public static int depthBeforeReciprocal() {
        return 5;
    }

    public List<Integer> rotationSteps() {
        List<Integer> steps = new ArrayList<>(linear.rotationSteps());
        for (int lanes = 1; lanes < headLanes; lanes <<= 1) {
            steps.add(lanes * layout.tokens());
            steps.add(-lanes * layout.tokens());
        }
        for (int width = packing.copyWidth(); width < layout.features(); width <<= 1) steps.add(width * layout.tokens());
        int stride = packing.copies();
        for (int copy = 1; copy < stride; copy++) steps.add(-copy);
        for (int d = 1; d < GROUP; d++) steps.add(-d * stride);
        for (int g = GROUP; g * stride < layout.tokens(); g += GROUP) steps.add(-g * stride);
        return steps.stream().distinct().toList();
    }

    /** Numerator N (per feature) and mean denominator Z̄ (per head, copied to its lanes), before the division. */
    public record Mix(Ciphertext numerator, Ciphertext meanDenominator) {}

    public Mix scores(HeOps ops, Ciphertext x, TokenSegments segments) {
        if (packing.empty()) throw new IllegalStateException("every head of this layer is pruned: there is nothing to score");
        if (x.level() < depthBeforeReciprocal()) {
            throw new IllegalArgumentException("attention needs " + depthBeforeReciprocal() + " levels, the ciphertext has " + x.level());
        }
        int stride = packing.copies();
        List<Ciphertext> inputs = new ArrayList<>();
        inputs.add(x);
        List<Integer> shifts = new ArrayList<>();
        for (int copy = 1; copy < stride; copy++) shifts.add(-copy);
        Map<Integer, Ciphertext> shifted = ops.rotateHoisted(x, shifts);
        for (int copy = 1; copy < stride; copy++) inputs.add(shifted.get(-copy));
        List<double[][]> queryBlocks = new ArrayList<>();
        queryBlocks.add(query);
        for (int copy = 1; copy < stride; copy++) queryBlocks.add(null);
        List<Ciphertext> projected = linear.applyEach(ops, inputs, List.of(queryBlocks, keys, values));
        Ciphertext q = ops.addSlots(projected.get(0), layout.perFeature(queryBias));
        Ciphertext k = ops.addSlots(projected.get(1), layout.perFeature(keyBias));
        Ciphertext v = ops.addSlots(projected.get(2), layout.perFeature(valueBias));
        int bases = (segments.longest() + stride - 1) / stride;
        List<CompletableFuture<Ciphertext[]>> groups = new ArrayList<>();
        for (int g = 0; g < bases; g += GROUP) {
            int first = g;
            int last = Math.min(g + GROUP, bases);
            groups.add(CompletableFuture.supplyAsync(() -> group(ops, q, k, v, segments, first, last), offsets));
        }
        Ciphertext z = null;
        Ciphertext n = null;
        for (CompletableFuture<Ciphertext[]> group : groups) {
            Ciphertext[] partial = group.join();
            z = z == null ? partial[0] : ops.add(z, partial[0]);
            n = n == null ? partial[1] : ops.add(n, partial[1]);
        }
        return new Mix(foldCopies(ops, ops.relinearizeRescale(n)), foldCopies(ops, z));
    }

    /** Offset bases [first, last) (base b covers offsets b × copies + copy): partial Z̄ and unrelinearised partial N. */
    private Ciphertext[] group(HeOps ops, Ciphertext q, Ciphertext k, Ciphertext v, TokenSegments segments, int first, int last) {
        int stride = packing.copies();
        Ciphertext kGiant = first == 0 ? k : ops.rotate(k, -first * stride);
        Ciphertext vGiant = first == 0 ? v : ops.rotate(v, -first * stride);
        List<Integer> babies = new ArrayList<>();
        for (int d = 1; d < last - first; d++) babies.add(-d * stride);
        Map<Integer, Ciphertext> kShifted = ops.rotateHoisted(kGiant, babies);
        Map<Integer, Ciphertext> vShifted = ops.rotateHoisted(vGiant, babies);
        Ciphertext z = null;
        Ciphertext n = null;
        for (int base = first; base < last; base++) {
            int baby = (base - first) * stride;
            Ciphertext kd = baby == 0 ? kGiant : kShifted.get(-baby);
            Ciphertext vd = baby == 0 ? vGiant : vShifted.get(-baby);
            Ciphertext s = headSum(ops, ops.mulRelinRescale(q, kd), 1);
            Ciphertext a = headSum(ops, ops.mulSlotsRescale(ops.mulRelinRescale(s, s), mask(segments, base * stride)), -1);
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

    /** Copy i's lanes added onto copy 0's. */
    private Ciphertext foldCopies(HeOps ops, Ciphertext c) {
        Ciphertext sum = c;
        for (int width = packing.copyWidth(); width < layout.features(); width <<= 1) sum = ops.add(sum, ops.rotate(sum, width * layout.tokens()));
        return sum;
    }

    /**
     * 1/(position + 1) in each kept head's first lane of copy i, for tokens whose prompt has a token base + i before
     * them; 0 elsewhere.
     */
    private double[] mask(TokenSegments segments, int base) {
        double[] slots = new double[layout.slots()];
        for (int copy = 0; copy < packing.copies(); copy++) {
            int delta = base + copy;
            for (int t = 0; t < layout.tokens(); t++) {
                int position = segments.position(t);
                if (position < delta) continue;
                for (int head = 0; head < packing.kept().size(); head++) {
                    slots[(copy * packing.copyWidth() + head * headLanes) * layout.tokens() + t] = 1.0 / (position + 1);
                }
            }
        }
        return slots;
    }

    /** (N ⊙ 1/Z̄) W_O + b_O from the client's fresh numerator and reciprocal. */
    public Ciphertext output(HeOps ops, ClientRefresh.Reciprocal fresh) {
        Ciphertext mixed = ops.mulRelinRescale(fresh.numerator(), fresh.reciprocal());
        Ciphertext y = linear.apply(ops, List.of(mixed), List.<double[][]>of(projection));
        return ops.addSlots(y, layout.perFeature(projectionBias));
    }

    /** The output bias alone: the whole sublayer when every head is pruned. */
    public double[] outputBias() {
        return layout.perFeature(projectionBias);
    }
}
