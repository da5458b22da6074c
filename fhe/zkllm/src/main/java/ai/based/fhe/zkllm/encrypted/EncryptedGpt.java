package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The miner's side of encrypted inference: the whole polynomial GPT on a ciphertext holding every token of the
 * prompt(s), from the client's encrypted embeddings to encrypted logits for every position. Per layer: attention's
 * scores (5 levels), the client's reciprocal round trip, W_O (2 levels) plus the residual, the MLP (4 levels) plus
 * the residual; where the next stage finds too few levels the client refreshes the state. On the 7-level chain of
 * {@link #PARAMETERS} the tiny model takes three client round trips: one reciprocal per layer and one refresh between
 * the layers. The final normalisation is folded into the logits' matrix, which takes the last level.
 */
public final class EncryptedGpt {
    /** N = 2^14, q = [60, 40 × 7], p = [60]: log QP 400 of the 438 that 128-bit security allows; depth 7. */
    public static final ParametersLiteral PARAMETERS = new ParametersLiteral(14, List.of(60, 40, 40, 40, 40, 40, 40, 40), List.of(60), 40);

    private final ModelConfig config;
    private final Parameters params;
    private final CircuitFrame frame;
    private final FeatureMajor layout;
    private final List<EncryptedAttention> attention = new ArrayList<>();
    private final List<EncryptedMlp> mlp = new ArrayList<>();
    private final BatchedLinear linear;
    private final FoldedLinear head;
    private final DiagonalCache cache;

    /**
     * @param encoding where diagonal plaintexts are encoded; {@code offsets} where attention's offset groups run (both
     *        {@code Runnable::run} for a single-threaded miner)
     */
    public EncryptedGpt(ModelConfig config, Weights weights, Parameters params, Executor encoding, Executor offsets) {
        this(config, weights, params, encoding, offsets, DiagonalCache.none());
    }

    /**
     * @param cache where the weights' encoded diagonals are kept between passes: a miner serving many tokens gives it a
     *        budget (the tiny model's are about 2 GB), a one-off pass does not need one
     */
    public EncryptedGpt(ModelConfig config, Weights weights, Parameters params, Executor encoding, Executor offsets, DiagonalCache cache) {
        this(config, weights, CircuitFrame.of(params), encoding, offsets, cache);
    }

    /** In {@code frame}: its slots hold the layout, and fresh ciphertexts (prompts, refreshed states) enter at its level. */
    public EncryptedGpt(ModelConfig config, Weights weights, CircuitFrame frame, Executor encoding, Executor offsets, DiagonalCache cache) {
        this.config = config;
        this.cache = cache;
        this.params = frame.params();
        this.frame = frame;
        this.layout = FeatureMajor.filling(frame.slots(), config.dModel());
        if (layout.tokens() < config.context()) {
            throw new IllegalArgumentException("a context of " + config.context() + " tokens does not fit " + frame.slots() + " slots of "
                    + config.dModel() + " features");
        }
        if (frame.freshLevel() < EncryptedAttention.depthBeforeReciprocal()) {
            throw new IllegalArgumentException("the circuit's fresh level " + frame.freshLevel() + " is below attention's depth "
                    + EncryptedAttention.depthBeforeReciprocal());
        }
        for (int l = 0; l < config.layers(); l++) {
            attention.add(new EncryptedAttention(config, weights, "h." + l + ".", layout, encoding, cache, offsets));
            mlp.add(new EncryptedMlp(weights, "h." + l + ".", layout, encoding, cache));
        }
        this.linear = new BatchedLinear(layout, encoding, cache);
        this.head = FoldedLinear.of(weights, "ln_f", "lm_head", layout.features());
    }

    public ModelConfig config() {
        return config;
    }

    public Parameters parameters() {
        return params;
    }

    public CircuitFrame frame() {
        return frame;
    }

    /** Each layer's head packing: kept heads and offsets per ciphertext. */
    public List<HeadPacking> packings() {
        return attention.stream().map(EncryptedAttention::packing).toList();
    }

    public DiagonalCache cache() {
        return cache;
    }

    public FeatureMajor layout() {
        return layout;
    }

    /**
     * The most round trips one pass of a model asks its client for: per layer a refresh before attention, attention's
     * division and a refresh before the MLP, and one refresh before the head. A miner asking for more is not running
     * this circuit, and a client can refuse the pass.
     */
    public static int maxClientRounds(ModelConfig config) {
        return 3 * config.layers() + 1;
    }

    /** Every rotation the circuit performs: the Galois keys a client must send. */
    public List<Integer> rotationSteps() {
        List<Integer> steps = new ArrayList<>(linear.rotationSteps());
        for (EncryptedAttention a : attention) if (!a.packing().empty()) steps.addAll(a.rotationSteps());
        for (EncryptedMlp m : mlp) steps.addAll(m.rotationSteps());
        return steps.stream().distinct().sorted().toList();
    }

    /** A miner's evaluation context for one client's key set; refuses keys that cannot run the circuit. */
    public Session open(String keySetId, EvaluationKeys keys) {
        CircuitKeys.check(params, keys, rotationSteps());
        return open(keySetId, new Evaluator(params, keys));
    }

    /** A session on {@code evaluator} (the client's keys, on a chosen accelerator or on the host only). */
    public Session open(String keySetId, Evaluator evaluator) {
        CircuitKeys.check(params, evaluator.keys(), rotationSteps());
        return new Session(keySetId, new HeOps(evaluator, frame.encoder()));
    }

    /** Evaluations under one client's keys. */
    public final class Session {
        private final String keySetId;
        private final HeOps ops;

        private Session(String keySetId, HeOps ops) {
            this.keySetId = keySetId;
            this.ops = ops;
        }

        public HeOps ops() {
            return ops;
        }

        public Parameters parameters() {
            return params;
        }

        public ModelConfig config() {
            return config;
        }

        public String keySetId() {
            return keySetId;
        }

        /** Logits of every token slot, as {@code vocab / F} ciphertexts of F vocabulary entries each. */
        public List<Ciphertext> logits(String queryKeySet, Ciphertext state, TokenSegments segments, ClientRefresh client) {
            if (!keySetId.equals(queryKeySet)) {
                throw new IllegalArgumentException("the prompt is encrypted under key set " + queryKeySet + ", but this session holds the "
                        + "evaluation keys of key set " + keySetId + ": send the matching evaluation keys first");
            }
            checkFresh("the prompt", state);
            if (segments.capacity() != layout.tokens()) {
                throw new IllegalArgumentException("the prompt layout has " + segments.capacity() + " token slots, the circuit " + layout.tokens());
            }
            if (segments.longest() > config.context()) {
                throw new IllegalArgumentException("a prompt of " + segments.longest() + " tokens is longer than the context of " + config.context() + " tokens");
            }
            Ciphertext h = state;
            int reserve = client.reservedLevels();
            for (int l = 0; l < config.layers(); l++) {
                EncryptedAttention layer = attention.get(l);
                if (layer.packing().empty()) {
                    h = ops.addSlots(h, layer.outputBias());
                } else {
                    if (h.level() < EncryptedAttention.depthBeforeReciprocal() + client.attentionReserve()) {
                        h = checkFresh("a refreshed state", client.state(l, h));
                    }
                    EncryptedAttention.Mix mix = layer.scores(ops, h, segments);
                    ClientRefresh.Reciprocal division = checkDivision(client.attention(l, mix.numerator(), mix.meanDenominator(), layer.packing().activeLanes()));
                    Ciphertext attended = layer.output(ops, division);
                    h = ops.add(attended, ops.matchTo(h, attended));
                }
                if (h.level() < EncryptedMlp.depth() + reserve) h = checkFresh("a refreshed state", client.state(l, h));
                Ciphertext y = mlp.get(l).apply(ops, h);
                h = ops.add(y, ops.matchTo(h, y));
            }
            if (h.level() < 1 + reserve) h = checkFresh("a refreshed state", client.state(config.layers(), h));
            List<double[][]> blocks = new ArrayList<>();
            for (int o = 0; o < head.outputBlocks(); o++) blocks.add(head.single(o));
            List<Ciphertext> logits = linear.applyEach(ops, h, blocks);
            List<Ciphertext> out = new ArrayList<>();
            for (int o = 0; o < logits.size(); o++) {
                // the client decrypts them at the lowest level as well as at any other, and fewer primes cross the
                // network: at N = 2^16 the logits shrink from 50 MB to 8
                out.add(ops.evaluator().dropLevel(ops.addSlots(logits.get(o), layout.perFeature(head.biases().get(o))), 0));
            }
            return out;
        }

        /**
         * The numerator and reciprocal attention multiplies: fresh ones from the client, or the miner's own (a numerator
         * kept at its level, a bootstrapped reciprocal brought down to it); either way at one level with two left, for
         * the product and W_O.
         */
        private ClientRefresh.Reciprocal checkDivision(ClientRefresh.Reciprocal division) {
            for (Ciphertext c : List.of(division.numerator(), division.reciprocal())) {
                if (c.degree() != 1) throw new IllegalArgumentException("attention's division returned a ciphertext of degree " + c.degree() + ", not 1");
                if (c.level() < 2 || c.level() > frame.freshLevel()) {
                    throw new IllegalArgumentException("attention's division returned a ciphertext at level " + c.level() + ": it needs 2.."
                            + frame.freshLevel());
                }
            }
            if (division.numerator().level() != division.reciprocal().level()) {
                throw new IllegalArgumentException("attention's numerator (level " + division.numerator().level() + ") and reciprocal (level "
                        + division.reciprocal().level() + ") must be at one level");
            }
            return division;
        }

        private Ciphertext checkFresh(String what, Ciphertext c) {
            if (c.degree() != 1) throw new IllegalArgumentException(what + " has degree " + c.degree() + ", not 1");
            if (c.level() != frame.freshLevel()) {
                throw new IllegalArgumentException(what + " is at level " + c.level() + ", the circuit needs fresh ciphertexts at level " + frame.freshLevel());
            }
            if (Math.abs(c.scale() / params.defaultScale() - 1) > 1e-9) {
                throw new IllegalArgumentException(String.format("%s has scale 2^%.2f, the circuit needs 2^%.0f", what,
                        Math.log(c.scale()) / Math.log(2), Math.log(params.defaultScale()) / Math.log(2)));
            }
            return c;
        }
    }
}
