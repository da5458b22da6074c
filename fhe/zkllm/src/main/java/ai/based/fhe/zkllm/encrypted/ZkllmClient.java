package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.circuits.BootstrapParameters;
import ai.based.fhe.circuits.BootstrappingKeys;
import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.KeyPlan;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Decryptor;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.zkllm.model.BoundedAttention;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.model.PolyGpt;
import java.util.HexFormat;
import java.util.List;

/**
 * The user's side of encrypted inference: holds the secret key (it never leaves this object), embeds and encrypts
 * prompts, answers the miner's round trips and decrypts the logits. Every ciphertext that crosses to or from the miner
 * goes through the versioned binary format (the miner's are parsed and validated here, the client's travel seeded,
 * about half size), and the bytes and rounds are counted.
 */
public final class ZkllmClient implements ClientRefresh, ClientRounds {
    /**
     * The largest magnitude a refreshed state or an attention output may have. The hidden states of the shipped models
     * stay within ±100 (±34 over all held-out verses); anything beyond comes from a faulty or malicious miner and is
     * clamped, so the pass goes on either way.
     */
    static final double STATE_BOUND = 1e4;
    /**
     * How far below zero an honest mean of squares that is truly near zero may decrypt; only a denominator below this
     * counts as the miner's anomaly. CKKS noise is far smaller: decrypted minus plaintext denominators measured within
     * 5e-7 (2026-12-05, ten held-out prompts, the tiny model at {@link EncryptedGpt#PARAMETERS}).
     */
    static final double DENOMINATOR_NOISE = 1e-2;
    /** The largest numerator attention may send: 30 times the largest honest one on held-out prompts (3e4). */
    static final double NUMERATOR_BOUND = 1e6;
    private final Parameters params;
    private final CircuitFrame frame;
    private final FeatureMajor layout;
    private final PlainGpt model;
    private final Sampler random;
    private final SecretKey secretKey;
    private final Encoder encoder;
    private final Encryptor encryptor;
    private final Decryptor decryptor;
    private final Serializer wire;
    private final String keySetId;
    private TokenSegments segments;
    private final Traffic traffic = new Traffic();
    private final RoundTripChecks checks = new RoundTripChecks();

    /** Bytes each way and client round trips, since the last {@link #resetTraffic()}. */
    public static final class Traffic {
        private long up;
        private long down;
        private int rounds;

        public long bytesUp() {
            return up;
        }

        public long bytesDown() {
            return down;
        }

        public int rounds() {
            return rounds;
        }
    }

    public ZkllmClient(Parameters params, PlainGpt model, Sampler random) {
        this(CircuitFrame.of(params), model, random);
    }

    /** For a circuit in {@code frame}: prompts and refreshes are encrypted at its fresh level, in its slots. */
    public ZkllmClient(CircuitFrame frame, PlainGpt model, Sampler random) {
        this(frame, model, random, new KeyGenerator(frame.params().ring(), random).secretKey(), null);
    }

    private ZkllmClient(CircuitFrame frame, PlainGpt model, Sampler random, SecretKey secretKey, String keySetId) {
        this.params = frame.params();
        this.frame = frame;
        this.layout = FeatureMajor.filling(frame.slots(), model.config().dModel());
        this.model = model;
        this.random = random;
        this.secretKey = secretKey;
        this.encoder = frame.encoder();
        this.encryptor = new Encryptor(params.ring(), random);
        this.decryptor = new Decryptor(params.ring(), secretKey);
        this.wire = new Serializer(params);
        this.keySetId = keySetId != null ? keySetId : HexFormat.of().formatHex(random.seed(), 0, 8);
    }

    /**
     * Another client of the same key set, for a query running beside this one's: it shares the secret key (so the
     * miner's copy of the evaluation keys serves both, uploaded once) and has its own randomness, traffic and layout.
     */
    public ZkllmClient concurrentTwin() {
        return new ZkllmClient(frame, model, Sampler.secure(), secretKey, keySetId);
    }

    /** Names this client's keys in every request, so a miner holding another key set refuses instead of computing noise. */
    public String keySetId() {
        return keySetId;
    }

    /** The relinearisation key and the Galois keys for {@code steps}: sent once per key set. */
    public EvaluationKeys evaluationKeys(List<Integer> steps) {
        return evaluationKeyPlan(steps).make();
    }

    /** The same keys, each made when a writer asks for it: a multi-GB set streams to a file holding one key at a time. */
    public KeyPlan evaluationKeyPlan(List<Integer> steps) {
        return CircuitKeys.plan(params, random, secretKey, steps, frame.freshLevel());
    }

    /**
     * The keys a miner needs to bootstrap this client's ciphertexts under {@code bootParams} (the refresh without a
     * round trip): sent once per key set, like the evaluation keys.
     */
    public BootstrappingKeys bootstrappingKeys(BootstrapParameters bootParams) {
        return bootstrappingKeyPlan(bootParams).make();
    }

    /** The same keys, each made when a writer asks for it. */
    public BootstrappingKeys.Plan bootstrappingKeyPlan(BootstrapParameters bootParams) {
        return BootstrappingKeys.plan(bootParams, new KeyGenerator(params.ring(), random), secretKey);
    }

    public long bytes(EvaluationKeys keys) {
        return wire.write(keys.relinearization().orElseThrow()).length + keys.galois().values().stream().mapToLong(k -> wire.write(k).length).sum();
    }

    /** The prompts' embeddings, one after another in the token slots, encrypted at the top level; as the miner reads them. */
    public Ciphertext encryptPrompts(List<int[]> prompts) {
        return wire.readCiphertext(encryptPromptsForWire(prompts));
    }

    /** As {@link #encryptPrompts}, in the bytes that cross the network (seeded: about half a full ciphertext). */
    public byte[] encryptPromptsForWire(List<int[]> prompts) {
        for (int[] prompt : prompts) {
            if (prompt.length > model.config().context()) {
                throw new IllegalArgumentException("a prompt of " + prompt.length + " tokens is longer than the context of "
                        + model.config().context() + " tokens");
            }
        }
        int[] lengths = prompts.stream().mapToInt(p -> p.length).toArray();
        segments = new TokenSegments(layout.tokens(), lengths);
        double[][] state = new double[segments.used()][];
        for (int s = 0; s < prompts.size(); s++) {
            double[][] embedded = model.embed(prompts.get(s));
            System.arraycopy(embedded, 0, state, segments.start(s), embedded.length);
        }
        return encryptForWire(layout.pack(state));
    }

    /** The layout of the prompts last encrypted: it travels with them. */
    public TokenSegments segments() {
        return segments;
    }

    @Override
    public Reciprocal attention(int layer, Ciphertext numerator, Ciphertext meanDenominator, int activeLanes) {
        Reply reply = attention(layer, wire.write(numerator), wire.write(meanDenominator), activeLanes);
        return new Reciprocal(wire.readCiphertext(reply.numerator()), wire.readCiphertext(reply.reciprocal()));
    }

    @Override
    public Ciphertext state(int layer, Ciphertext hidden) {
        return wire.readCiphertext(state(layer, wire.write(hidden)));
    }

    /**
     * Attention's division. What the client sends back never depends on the decrypted values beyond the refreshed
     * ciphertexts themselves: a denominator clearly below zero (it is a sum of squares, so beyond CKKS noise only a faulty
     * or malicious miner sends one) gets a zero reciprocal, a numerator whose output would be out of range is clamped,
     * and the pass goes on with the same messages, sizes and timing. The anomalies are counted and judged after the answer
     * ({@link #anomalies()}): a miner that aborted the user's pass on a chosen predicate would learn that predicate.
     */
    @Override
    public Reply attention(int layer, byte[] numerator, byte[] meanDenominator, int activeLanes) {
        traffic.rounds++;
        double[] n = download(numerator);
        double[] z = download(meanDenominator);
        double[] inverse = new double[z.length];
        for (int slot = 0; slot < z.length; slot++) {
            int position = segments.position(slot % layout.tokens());
            if (position < 0 || slot / layout.tokens() >= activeLanes) {
                n[slot] = 0;
                continue;
            }
            if (z[slot] > -DENOMINATOR_NOISE && z[slot] <= STATE_BOUND * STATE_BOUND) {
                checks.denominator(z[slot]);
                // the model's weights are s² / (Σ s² + ε) = (s² / n) / (Z̄ + ε / n), or with a bounded divisor
                // s² / (n (c + Z̄)); a sum of squares is never negative, so noise below zero is taken as zero
                BoundedAttention bounds = model.config().boundedAttention();
                double mean = Math.max(z[slot], 0);
                inverse[slot] = bounds != null ? 1 / (bounds.floor() + mean) : 1 / (mean + PolyGpt.POWER_EPS / (position + 1));
            } else {
                checks.anomaly("mean denominator", layer, position);
            }
            n[slot] = numerator(layer, position, n[slot], inverse[slot]);
        }
        return new Reply(encryptForWire(n), encryptForWire(inverse));
    }

    /** As many as the model's circuit makes in a pass ({@link EncryptedGpt#maxClientRounds}). */
    @Override
    public int maxRounds() {
        return EncryptedGpt.maxClientRounds(model.config());
    }

    /** The hidden state refreshed; out-of-range values are clamped and counted, never refused (see {@link #attention}). */
    @Override
    public byte[] state(int layer, byte[] hidden) {
        traffic.rounds++;
        double[] values = download(hidden);
        for (int slot = 0; slot < values.length; slot++) {
            int position = segments.position(slot % layout.tokens());
            values[slot] = position < 0 ? 0 : clamp("hidden state", layer, position, values[slot]);
        }
        return encryptForWire(values);
    }

    /**
     * Values out of range in the round trips since the last {@link #resetTraffic()}: a correct miner causes none. Judge
     * it only after the answer: a client that reacted during the pass would leak the predicate that triggered it.
     */
    public long anomalies() {
        return checks.anomalies();
    }

    /** The round-trip checks in detail: the first anomaly and the honest margin (see {@link #anomalies()}). */
    public RoundTripChecks checks() {
        return checks;
    }

    /**
     * Attention's numerator, Σ s² v / n, is the values' mean weighted by the same s² / n that sum to the denominator, so
     * numerator × reciprocal (the attention's output) stays within the values' range; the numerator alone does not:
     * honest ones reach 3e4 on held-out prompts whose denominators are large (7% of them above the state bound). So the
     * bound applies to the output, and a numerator beyond it is clamped to the largest one the reciprocal allows.
     */
    private double numerator(int layer, int position, double value, double reciprocal) {
        if (reciprocal == 0) return 0; // the denominator was counted as the anomaly
        double limit = Math.min(NUMERATOR_BOUND, STATE_BOUND / reciprocal);
        if (Double.isNaN(value) || Math.abs(value) > limit) {
            checks.anomaly("attention output", layer, position);
            return Double.isNaN(value) ? 0 : Math.copySign(limit, value);
        }
        return value;
    }

    private double clamp(String check, int layer, int position, double value) {
        if (Double.isNaN(value)) {
            checks.anomaly(check, layer, position);
            return 0;
        }
        if (Math.abs(value) > STATE_BOUND) {
            checks.anomaly(check, layer, position);
            return Math.copySign(STATE_BOUND, value);
        }
        return value;
    }

    /** Logits per prompt and position ([prompt][position][vocabulary]) from the miner's ciphertexts. */
    public double[][][] decryptLogits(List<Ciphertext> blocks) {
        return decryptLogitsFromWire(blocks.stream().map(wire::write).toList());
    }

    /** As {@link #decryptLogits}, from the miner's bytes; a malformed block is refused before anything is decrypted. */
    public double[][][] decryptLogitsFromWire(List<byte[]> blocks) {
        int vocab = model.config().vocab();
        if (blocks.size() * layout.features() != vocab) {
            throw new IllegalArgumentException(blocks.size() + " logit ciphertexts do not cover a vocabulary of " + vocab);
        }
        double[][][] out = new double[segments.lengths().length][][];
        for (int s = 0; s < out.length; s++) out[s] = new double[segments.lengths()[s]][vocab];
        for (int b = 0; b < blocks.size(); b++) {
            double[][] unpacked = layout.unpack(download(blocks.get(b)), layout.tokens());
            for (int s = 0; s < out.length; s++) {
                for (int p = 0; p < out[s].length; p++) {
                    double[] logits = unpacked[segments.start(s) + p];
                    // honest logits are tens at most; a miner that sends anything else is not paid for the token
                    for (double logit : logits) if (Double.isNaN(logit) || Math.abs(logit) > STATE_BOUND) checks.anomaly("logit", -1, p);
                    System.arraycopy(logits, 0, out[s][p], b * layout.features(), layout.features());
                }
            }
        }
        return out;
    }

    public Traffic traffic() {
        return traffic;
    }

    public void resetTraffic() {
        traffic.up = 0;
        traffic.down = 0;
        traffic.rounds = 0;
        checks.reset();
    }

    /**
     * Encrypts a reply. Every slot is first brought within what the encoder takes at the default scale (it refuses
     * |value| x scale of 2^62 or more): an exception here would end the session on a predicate the miner chose. Only
     * the reciprocal of a denominator at or near zero reaches that bound, where its numerator is near zero too.
     */
    private byte[] encryptForWire(double[] slots) {
        double encodable = Math.scalb(1.0, 61) / params.defaultScale();
        for (int slot = 0; slot < slots.length; slot++) {
            slots[slot] = Double.isNaN(slots[slot]) ? 0 : Math.max(-encodable, Math.min(encodable, slots[slot]));
        }
        byte[] seed = new byte[32];
        Ciphertext fresh = encryptor.encryptSymmetric(encoder.encode(slots, frame.freshLevel(), params.defaultScale()), secretKey, seed);
        byte[] bytes = wire.writeSeeded(fresh, seed);
        traffic.up += bytes.length;
        return bytes;
    }

    private double[] download(byte[] bytes) {
        traffic.down += bytes.length;
        return encoder.decode(decryptor.decrypt(wire.readCiphertext(bytes)));
    }
}
