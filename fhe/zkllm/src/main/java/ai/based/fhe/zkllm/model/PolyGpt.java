package ai.based.fhe.zkllm.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A decoder-only "polynomial GPT" on DJL/PyTorch: learned token and position embeddings, then per layer a
 * pre-normalised causal attention and MLP with residuals, a final normalisation and a linear head.
 * <ul>
 *   <li>Attention is Power-Softmax, (q·k/√d)^p / Σ (q·k/√d)^p over the causal window, p even: only products, a sum
 *       and one division, which the CKKS circuits evaluate (the division by Newton's inverse on a known range).</li>
 *   <li>The activation is the fixed quadratic 0.125x² + 0.5x + 0.25 (GELU's least-squares fit on [-4, 4]).</li>
 *   <li>The normalisation uses batch statistics while training and frozen running statistics afterwards, so at
 *       inference it is a per-feature affine map that folds into the next linear layer: no inverse square root is
 *       evaluated under encryption. Its cost is a train/inference gap that a LayerNorm does not have.</li>
 * </ul>
 * With {@code heFriendly = false} the same network uses softmax, GELU and LayerNorm: the twin that measures what the
 * HE-friendly changes cost in perplexity.
 */
public final class PolyGpt implements AutoCloseable {
    /** The normalisation's epsilon; the encrypted circuits fold the same affine map. */
    public static final float NORM_EPS = 1e-5f;
    private static final float RUNNING_MOMENTUM = 0.1f;
    /** Power-Softmax's denominator guard, (q·k)^p / (Σ (q·k)^p + ε): a pruned head's weights are 0, not 0/0. */
    public static final float POWER_EPS = 1e-6f;

    private final ModelConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> parameters = new LinkedHashMap<>();
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();
    /** Lower-triangular ones over the whole context, made once outside any scope that closes arrays. */
    private NDArray causal;
    /**
     * The constants the forward pass multiplies, divides or raises by, as tensors the model owns. DJL turns a Java number
     * operand into a temporary tensor over a direct buffer and closes it as soon as the operation returns, but autograd
     * keeps it for the backward pass (d(x·c)/dx = c): a garbage collection between forward and backward frees that
     * buffer, and the gradient is read from whatever malloc put there since (a non-finite gradient, a skipped step).
     */
    private NDArray scoreDivisor;
    private NDArray power;
    private NDArray quadratic;
    private NDArray linear;
    /** Bounded attention only: n c and n U per query position n - 1 (shape context x 1), as tensors for the same reason. */
    private NDArray floorTimesCount;
    private NDArray ceilingTimesCount;
    /** Bounded attention, training only: the ceiling penalty of the last forward pass, summed over layers. */
    private NDArray ceilingPenalty;
    private FakeQuantizer quantizer;

    private PolyGpt(ModelConfig config, NDManager manager) {
        this.config = config;
        this.manager = manager;
    }

    /** Fresh weights: normal(0, 0.02) matrices, zero biases, unit gains. */
    public static PolyGpt initialize(ModelConfig config, NDManager parent) {
        PolyGpt model = new PolyGpt(config, parent.newSubManager());
        Random random = new Random(config.seed());
        Weights fresh = new Weights();
        int d = config.dModel();
        matrix(fresh, "wte", config.vocab(), d, random);
        matrix(fresh, "wpe", config.context(), d, random);
        for (int l = 0; l < config.layers(); l++) {
            String p = "h." + l + ".";
            norm(fresh, p + "ln_1", d);
            linear(fresh, p + "attn.c_attn", d, 3 * d, random);
            linear(fresh, p + "attn.c_proj", d, d, random);
            norm(fresh, p + "ln_2", d);
            linear(fresh, p + "mlp.c_fc", d, 4 * d, random);
            linear(fresh, p + "mlp.c_proj", 4 * d, d, random);
        }
        norm(fresh, "ln_f", d);
        linear(fresh, "lm_head", d, config.vocab(), random);
        model.load(fresh);
        return model;
    }

    public static PolyGpt fromWeights(ModelConfig config, Weights weights, NDManager parent) {
        PolyGpt model = new PolyGpt(config, parent.newSubManager());
        model.load(weights);
        return model;
    }

    private void load(Weights weights) {
        int c = config.context();
        float[] lower = new float[c * c];
        for (int i = 0; i < c; i++) for (int j = 0; j <= i; j++) lower[i * c + j] = 1f;
        causal = manager.create(lower, new Shape(c, c));
        scoreDivisor = manager.create((float) Math.sqrt(config.headDim()));
        power = manager.create((float) config.power());
        quadratic = manager.create(0.125f);
        linear = manager.create(0.5f);
        BoundedAttention bounds = config.boundedAttention();
        if (bounds != null) {
            float[] floors = new float[c];
            float[] ceilings = new float[c];
            for (int t = 0; t < c; t++) {
                floors[t] = (float) (bounds.floor() * (t + 1));
                ceilings[t] = (float) (bounds.ceiling() * (t + 1));
            }
            floorTimesCount = manager.create(floors, new Shape(c, 1));
            ceilingTimesCount = manager.create(ceilings, new Shape(c, 1));
        }
        for (var e : weights.all().entrySet()) {
            NDArray array = manager.create(e.getValue().values(), new Shape(e.getValue().shape()));
            if (isBuffer(e.getKey())) {
                buffers.put(e.getKey(), array);
            } else {
                array.setRequiresGradient(true);
                parameters.put(e.getKey(), array);
            }
        }
    }

    private static boolean isBuffer(String name) {
        return name.endsWith(".running_mean") || name.endsWith(".running_var");
    }

    public ModelConfig config() {
        return config;
    }

    /** The trainable arrays, by name. */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    public Weights weights() {
        Weights out = new Weights();
        Map<String, NDArray> all = new LinkedHashMap<>(parameters);
        all.putAll(buffers);
        for (var e : all.entrySet()) {
            out.put(e.getKey(), new Weights.Tensor(e.getValue().getShape().getShape(), e.getValue().toFloatArray()));
        }
        return out;
    }

    /** Logits (batch, time, vocab) for token ids (batch, time). */
    public NDArray forward(NDArray ids, boolean training) {
        int time = (int) ids.getShape().get(1);
        if (time > config.context()) {
            throw new IllegalArgumentException("a sequence of " + time + " tokens is longer than the context of " + config.context());
        }
        NDArray h = parameters.get("wte").get(new NDIndex("{}", ids)).add(parameters.get("wpe").get(new NDIndex("0:" + time)));
        ceilingPenalty = null;
        for (int l = 0; l < config.layers(); l++) {
            String p = "h." + l + ".";
            h = h.add(attention(normalize(h, p + "ln_1", training), p + "attn", time, training));
            NDArray hidden = activation(affine(normalize(h, p + "ln_2", training), p + "mlp.c_fc"));
            h = h.add(affine(hidden, p + "mlp.c_proj"));
        }
        return affine(normalize(h, "ln_f", training), "lm_head");
    }

    private NDArray attention(NDArray x, String prefix, int time, boolean training) {
        int heads = config.heads();
        int dh = config.headDim();
        long batch = x.getShape().get(0);
        NDArray qkv = affine(x, prefix + ".c_attn");
        NDArray q = heads(qkv.get(new NDIndex(":, :, 0:" + config.dModel())), batch, time, heads, dh);
        NDArray k = heads(qkv.get(new NDIndex(":, :, " + config.dModel() + ":" + 2 * config.dModel())), batch, time, heads, dh);
        NDArray v = heads(qkv.get(new NDIndex(":, :, " + 2 * config.dModel() + ":")), batch, time, heads, dh);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(scoreDivisor);
        NDArray mask = causalMask(time);
        NDArray weights;
        if (config.boundedAttention() != null) {
            weights = boundedWeights(scores.pow(power).mul(mask), time, training);
        } else if (config.heFriendly()) {
            NDArray powered = scores.pow(power).mul(mask);
            weights = powered.div(powered.sum(new int[] {-1}, true).add(POWER_EPS));
        } else {
            weights = scores.add(mask.sub(1f).mul(1e9f)).softmax(-1);
        }
        NDArray mixed = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, time, config.dModel());
        return affine(mixed, prefix + ".c_proj");
    }

    /**
     * s² / (n (c + Z̄)) = s² / (Σ s² + n c); while training, the excess of c + Z̄ over the ceiling U is penalised
     * (mean of relu((c + Z̄) / U - 1)², added to the loss by the trainer), which keeps the divisor on [c, U].
     */
    private NDArray boundedWeights(NDArray powered, int time, boolean training) {
        NDArray floors = time == config.context() ? floorTimesCount : floorTimesCount.get(new NDIndex("0:" + time));
        NDArray divisor = powered.sum(new int[] {-1}, true).add(floors);
        if (training) {
            NDArray ceilings = time == config.context() ? ceilingTimesCount : ceilingTimesCount.get(new NDIndex("0:" + time));
            // relu through the activation (it keeps its own output for the backward pass, no temporary operand)
            NDArray excess = Activation.relu(divisor.div(ceilings).sub(1f)).square().mean();
            ceilingPenalty = ceilingPenalty == null ? excess : ceilingPenalty.add(excess);
        }
        return powered.div(divisor);
    }

    /**
     * Bounded attention: the ceiling penalty of the last training forward pass (null for other models or after an
     * inference pass); the trainer adds it to the loss. It belongs to that pass's arrays and is closed with them.
     */
    NDArray ceilingPenalty() {
        return ceilingPenalty;
    }

    private static NDArray heads(NDArray x, long batch, int time, int heads, int dh) {
        return x.reshape(batch, time, heads, dh).transpose(0, 2, 1, 3);
    }

    private NDArray causalMask(int time) {
        return time == config.context() ? causal : causal.get(new NDIndex("0:" + time + ", 0:" + time));
    }

    private NDArray activation(NDArray x) {
        // adding a number is safe: the backward pass of an addition keeps no operand
        return config.heFriendly() ? x.square().mul(quadratic).add(x.mul(linear)).add(0.25f) : Activation.gelu(x);
    }

    /** From now on the forward pass uses the weights as {@code quantizer} quantizes them (null: as they are). */
    public void fakeQuantize(FakeQuantizer quantizer) {
        this.quantizer = quantizer;
    }

    private NDArray affine(NDArray x, String prefix) {
        NDArray w = parameters.get(prefix + ".w");
        if (quantizer != null && quantizer.quantizes(prefix + ".w")) w = quantizer.fakeQuantize(w);
        return x.matMul(w).add(parameters.get(prefix + ".b"));
    }

    private NDArray normalize(NDArray x, String prefix, boolean training) {
        NDArray gain = parameters.get(prefix + ".g");
        NDArray bias = parameters.get(prefix + ".b");
        NDArray mean;
        NDArray variance;
        if (!config.heFriendly()) {
            mean = x.mean(new int[] {-1}, true);
            variance = x.sub(mean).square().mean(new int[] {-1}, true);
        } else if (training) {
            NDArray rows = x.reshape(-1, config.dModel());
            mean = rows.mean(new int[] {0});
            variance = rows.sub(mean).square().mean(new int[] {0});
            NDArray runningMean = buffers.get(prefix + ".running_mean");
            NDArray runningVar = buffers.get(prefix + ".running_var");
            runningMean.muli(1 - RUNNING_MOMENTUM).addi(mean.stopGradient().mul(RUNNING_MOMENTUM));
            runningVar.muli(1 - RUNNING_MOMENTUM).addi(variance.stopGradient().mul(RUNNING_MOMENTUM));
        } else {
            mean = buffers.get(prefix + ".running_mean");
            variance = buffers.get(prefix + ".running_var");
        }
        return x.sub(mean).div(variance.add(NORM_EPS).sqrt()).mul(gain).add(bias);
    }

    NDManager manager() {
        return manager;
    }

    NDArray tokens(long[] ids, int batch, int time) {
        return manager.create(ids, new Shape(batch, time)).toType(DataType.INT64, false);
    }

    private static void matrix(Weights w, String name, int rows, int cols, Random random) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) values[i] = (float) (random.nextGaussian() * 0.02);
        w.put(name, new Weights.Tensor(new long[] {rows, cols}, values));
    }

    private static void linear(Weights w, String name, int in, int out, Random random) {
        matrix(w, name + ".w", in, out, random);
        w.put(name + ".b", new Weights.Tensor(new long[] {out}, new float[out]));
    }

    private static void norm(Weights w, String name, int d) {
        float[] ones = new float[d];
        java.util.Arrays.fill(ones, 1f);
        w.put(name + ".g", new Weights.Tensor(new long[] {d}, ones.clone()));
        w.put(name + ".b", new Weights.Tensor(new long[] {d}, new float[d]));
        w.put(name + ".running_mean", new Weights.Tensor(new long[] {d}, new float[d]));
        w.put(name + ".running_var", new Weights.Tensor(new long[] {d}, ones));
    }

    @Override
    public void close() {
        manager.close();
    }
}
