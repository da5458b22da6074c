package ai.based.fhe.zkllm.diagnosis;

import ai.based.fhe.zkllm.encrypted.CircuitKeys;
import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.encrypted.BatchedLinear;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.FeatureMajor;
import ai.based.fhe.zkllm.encrypted.HeOps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The miner's side of encrypted diagnosis: the whole classifier on ciphertexts, from the clinic's encrypted records to
 * encrypted scores, with no client round trip and no secret key. A ciphertext holds {@link #recordsPerCiphertext()}
 * records feature-major (slot = feature × 128 + record, 32 feature blocks of which 30 are used). The circuit runs the
 * model's {@link DiagnosisModel#folded() folded form}, logit = Σ_j sign_j g_j(x)² + bias:
 * <ol>
 * <li>the first layer, with the standardisation folded in, as two baby-step giant-step products sharing their baby
 * rotations: the affine forms g_j of the units whose output weight is positive in one ciphertext, of the negative
 * ones in the other (one level);
 * <li>both squared and subtracted, relinearised once (one level);
 * <li>the 32 feature blocks summed by five rotations, and the output bias added (no level).
 * </ol>
 * Depth 2, so {@link #PARAMETERS} are the smallest 128-bit CKKS set: N = 2^13, log QP 200 of the 218 allowed. Every
 * feature block of the result holds the scores; the client reads block 0.
 */
public final class EncryptedDiagnosis {
    /** N = 2^13, q = [60, 40, 40], p = [60], scale 2^40: depth 2, log QP 200 (128-bit: at most 218). */
    public static final ParametersLiteral PARAMETERS = ParametersLiteral.N8192;
    /** Feature blocks per ciphertext: the 30 measurements, and at most 32 hidden units of each sign. */
    public static final int BLOCKS = 32;
    public static final int DEPTH = 2;
    /** Ciphertexts one request may carry (8,192 records): a request's work and memory stay bounded; more go in several requests. */
    public static final int MAX_BATCHES = 64;
    private static final long DIAGONAL_BUDGET = 64L << 20;

    private final Parameters params;
    private final FeatureMajor layout;
    private final BatchedLinear linear;
    private final double[][] positive;
    private final double[][] negative;
    private final double[] positiveOffsets;
    private final double[] negativeOffsets;
    private final double bias;

    public EncryptedDiagnosis(DiagnosisModel model, Parameters params) {
        if (params.maxLevel() < DEPTH) throw new IllegalArgumentException("the circuit needs depth " + DEPTH + ", the parameters have " + params.maxLevel());
        if (model.hidden() > BLOCKS) throw new IllegalArgumentException("at most " + BLOCKS + " hidden units fit, the model has " + model.hidden());
        this.params = params;
        this.layout = FeatureMajor.filling(params.slots(), BLOCKS);
        // the first layer's 64 diagonal plaintexts (about 12 MB at N = 2^13) depend only on the model: encoded once, they
        // are reused by every batch of every clinic instead of costing an FFT and three NTTs each per batch
        this.linear = new BatchedLinear(layout, Runnable::run, DiagonalCache.upTo(DIAGONAL_BUDGET));
        DiagnosisModel.Folded folded = model.folded();
        this.positive = new double[BLOCKS][BLOCKS];
        this.negative = new double[BLOCKS][BLOCKS];
        this.positiveOffsets = new double[BLOCKS];
        this.negativeOffsets = new double[BLOCKS];
        int p = 0;
        int n = 0;
        for (int j = 0; j < model.hidden(); j++) {
            boolean plus = folded.signs()[j] > 0;
            double[][] block = plus ? positive : negative;
            int column = plus ? p++ : n++;
            for (int i = 0; i < DiagnosisModel.FEATURES; i++) block[i][column] = folded.weights()[j][i];
            (plus ? positiveOffsets : negativeOffsets)[column] = folded.offsets()[j];
        }
        this.bias = folded.bias();
    }

    public Parameters parameters() {
        return params;
    }

    public FeatureMajor layout() {
        return layout;
    }

    public int recordsPerCiphertext() {
        return layout.tokens();
    }

    /** Every rotation the circuit performs (the first layer's baby and giant steps cover the final sum's): the Galois keys a client sends. */
    public List<Integer> rotationSteps() {
        return rotationSteps(params);
    }

    /** The same, from the parameters alone: what a clinic needs to make its keys without building the circuit. */
    public static List<Integer> rotationSteps(Parameters params) {
        FeatureMajor layout = FeatureMajor.filling(params.slots(), BLOCKS);
        List<Integer> steps = new ArrayList<>(new BatchedLinear(layout).rotationSteps());
        for (int blocks = BLOCKS / 2; blocks >= 1; blocks /= 2) steps.add(blocks * layout.tokens());
        return steps.stream().distinct().sorted().toList();
    }

    /** A miner's evaluation context for one clinic's key set, running batches inline. */
    public Session open(String keySetId, EvaluationKeys keys) {
        return open(keySetId, keys, Runnable::run);
    }

    /**
     * A miner's evaluation context for one clinic's key set; refuses keys that cannot run the circuit.
     *
     * @param batches where the ciphertexts of one request run (each is independent): {@code Runnable::run} for one thread
     */
    public Session open(String keySetId, EvaluationKeys keys, Executor batches) {
        CircuitKeys.check(params, keys, rotationSteps());
        return new Session(keySetId, new HeOps(new Evaluator(params, keys), new Encoder(params)), batches);
    }

    /** Evaluations under one clinic's keys. */
    public final class Session {
        private final String keySetId;
        private final HeOps ops;
        private final Executor batches;

        private Session(String keySetId, HeOps ops, Executor batches) {
            this.keySetId = keySetId;
            this.ops = ops;
            this.batches = batches;
        }

        public HeOps ops() {
            return ops;
        }

        /** One score ciphertext per records ciphertext, in order. */
        public List<Ciphertext> scores(String queryKeySet, List<Ciphertext> records) {
            if (!keySetId.equals(queryKeySet)) {
                throw new IllegalArgumentException("the records are encrypted under key set " + queryKeySet + ", but this session holds the "
                        + "evaluation keys of key set " + keySetId + ": send the matching evaluation keys first");
            }
            if (records.isEmpty()) throw new IllegalArgumentException("no records ciphertext to score");
            if (records.size() > MAX_BATCHES) {
                throw new IllegalArgumentException(records.size() + " records ciphertexts in one request, at most " + MAX_BATCHES + " are scored at once: "
                        + "split the records into several requests");
            }
            for (int i = 0; i < records.size(); i++) checkFresh("records ciphertext " + i, records.get(i));
            List<CompletableFuture<Ciphertext>> running = new ArrayList<>();
            for (Ciphertext batch : records) running.add(CompletableFuture.supplyAsync(() -> score(batch), batches));
            return running.stream().map(CompletableFuture::join).toList();
        }

        private Ciphertext score(Ciphertext x) {
            List<double[][]> blocks = new ArrayList<>();
            List<double[]> offsets = new ArrayList<>();
            if (usesAny(positive, positiveOffsets)) {
                blocks.add(positive);
                offsets.add(positiveOffsets);
            }
            if (usesAny(negative, negativeOffsets)) {
                blocks.add(negative);
                offsets.add(negativeOffsets);
            }
            List<Ciphertext> forms = linear.applyEach(ops, x, blocks);
            Ciphertext squares = null;
            for (int b = 0; b < forms.size(); b++) {
                Ciphertext g = ops.addSlots(forms.get(b), layout.perFeature(offsets.get(b)));
                Ciphertext square = ops.multiply(g, g);
                if (squares == null) squares = blocks.get(b) == negative ? ops.evaluator().negate(square) : square;
                else squares = blocks.get(b) == negative ? ops.evaluator().sub(squares, square) : ops.add(squares, square);
            }
            Ciphertext sum = ops.relinearizeRescale(squares);
            for (int blocksLeft = BLOCKS / 2; blocksLeft >= 1; blocksLeft /= 2) sum = ops.add(sum, ops.rotate(sum, blocksLeft * layout.tokens()));
            return ops.evaluator().addConst(sum, bias);
        }

        private Ciphertext checkFresh(String what, Ciphertext c) {
            if (c.degree() != 1) throw new IllegalArgumentException(what + " has degree " + c.degree() + ", not 1");
            if (c.level() != params.maxLevel()) {
                throw new IllegalArgumentException(what + " is at level " + c.level() + ", the circuit needs fresh ciphertexts at level " + params.maxLevel());
            }
            if (Math.abs(c.scale() / params.defaultScale() - 1) > 1e-9) {
                throw new IllegalArgumentException(String.format("%s has scale 2^%.2f, the circuit needs 2^%.0f", what,
                        Math.log(c.scale()) / Math.log(2), Math.log(params.defaultScale()) / Math.log(2)));
            }
            return c;
        }
    }

    /** Whether any unit of that sign exists: when every output weight has one sign, the other product is skipped. */
    private static boolean usesAny(double[][] block, double[] offsets) {
        for (double[] row : block) for (double v : row) if (v != 0) return true;
        for (double v : offsets) if (v != 0) return true;
        return false;
    }
}
