package ai.based.fhe.zkllm.model;

/**
 * The shape of a polynomial GPT and how it is trained.
 *
 * @param power the even exponent of Power-Softmax attention, (q·k)^p / Σ (q·k)^p
 * @param heFriendly Power-Softmax, a polynomial activation and a normalisation that is affine at inference; false
 *        gives the standard twin (softmax, GELU, LayerNorm) for measuring what the HE-friendly changes cost
 * @param boundedAttention null: Power-Softmax as s^p / (Σ s^p + ε), whose divisor has no known range (the client divides);
 *        otherwise the divisor is kept on a known interval so that the miner can divide ({@link BoundedAttention})
 */
public record ModelConfig(String name, int layers, int dModel, int heads, int context, int vocab, int power,
        boolean heFriendly, int steps, int batch, float learningRate, long seed, BoundedAttention boundedAttention) {
    public ModelConfig {
        if (dModel % heads != 0) throw new IllegalArgumentException("d_model " + dModel + " is not a multiple of " + heads + " heads");
        if (power < 2 || power % 2 != 0) throw new IllegalArgumentException("the Power-Softmax exponent must be even and >= 2, got " + power);
        if (vocab < 257) throw new IllegalArgumentException("a byte-level vocabulary needs at least 257 tokens, got " + vocab);
        if (layers < 1 || context < 2 || steps < 0 || batch < 1) throw new IllegalArgumentException("layers, context and batch must be positive, steps not negative");
        if (boundedAttention != null && (!heFriendly || power != 2)) {
            throw new IllegalArgumentException("a bounded attention divisor is defined for Power-Softmax with p = 2, not for "
                    + (heFriendly ? "p = " + power : "softmax"));
        }
    }

    /** The original Power-Softmax (no bounded divisor): every model trained before {@link BoundedAttention} existed. */
    public ModelConfig(String name, int layers, int dModel, int heads, int context, int vocab, int power, boolean heFriendly, int steps,
            int batch, float learningRate, long seed) {
        this(name, layers, dModel, heads, context, vocab, power, heFriendly, steps, batch, learningRate, seed, null);
    }

    /** The default: 2 layers, d_model 128, 4 heads, context 64, vocabulary 1,024. */
    public static ModelConfig tiny() {
        return new ModelConfig("tiny", 2, 128, 4, 64, 1024, 2, true, 3_000, 32, 3e-3f, 20261121L);
    }

    /**
     * Trains in seconds, for tests. Its learning rate is half of what converges fastest: at 1e-2 a CI run diverged
     * (float differences between processes are enough to tip it), at 5e-3 it stays far from the edge.
     */
    public static ModelConfig micro() {
        return new ModelConfig("micro", 1, 32, 2, 16, 320, 2, true, 150, 16, 5e-3f, 7L);
    }

    public static ModelConfig named(String name) {
        return switch (name) {
            case "tiny" -> tiny();
            case "micro" -> micro();
            default -> throw new IllegalArgumentException("unknown model config '" + name + "': tiny or micro");
        };
    }

    /** The softmax/GELU/LayerNorm twin of the same size, trained the same way. */
    public ModelConfig twin() {
        return new ModelConfig(name + "-twin", layers, dModel, heads, context, vocab, power, false, steps, batch, learningRate, seed, null);
    }

    /** The same model under another name (a squeezed or imported derivative). */
    public ModelConfig renamed(String newName) {
        return new ModelConfig(newName, layers, dModel, heads, context, vocab, power, heFriendly, steps, batch, learningRate, seed, boundedAttention);
    }

    public ModelConfig withSteps(int n) {
        return new ModelConfig(name, layers, dModel, heads, context, vocab, power, heFriendly, n, batch, learningRate, seed, boundedAttention);
    }

    public ModelConfig withLearningRate(float rate) {
        return new ModelConfig(name, layers, dModel, heads, context, vocab, power, heFriendly, steps, batch, rate, seed, boundedAttention);
    }

    /** The same model with its attention's divisor bounded to {@code bounds} (null: the original Power-Softmax). */
    public ModelConfig withBoundedAttention(BoundedAttention bounds) {
        return new ModelConfig(name, layers, dModel, heads, context, vocab, power, heFriendly, steps, batch, learningRate, seed, bounds);
    }

    public int headDim() {
        return dModel / heads;
    }
}
