package ai.based.validator;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.zkllm.encrypted.EncryptedGeneration;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.miner.remote.EvaluationKeyFormat;
import ai.based.miner.remote.MinerClient;
import ai.based.miner.remote.RemoteSession;
import ai.based.protocol.scoring.ChallengeOutcome;
import ai.based.protocol.scoring.LogitScorer;
import ai.based.protocol.scoring.Score;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One challenge of one language Brain's miner, through the path a user's query takes, in the user's order: a fresh key set (a new CKKS
 * secret key and evaluation keys), the miner's health and info, the key upload, a session paid from the validator's
 * account, one encrypted pass per token with the round trips answered by the key holder, greedy decoding, a receipt
 * after each sound token. Then, and only then, the validator computes the plaintext model's logits for the same
 * sequences and scores what it decrypted. A miner that fails, refuses, sends garbage or outlives the deadline scores
 * zero with a reason; the challenge never throws for anything the miner does.
 */
public final class Challenger implements MinerChallenger {
    /** Ten times the largest mean denominator seen to decrypt below zero; a quarter of held-out prompts fall under it. */
    static final double MIN_MEAN_DENOMINATOR = 1e-2;
    private static final int MAX_DRAWS = 100;

    private final PlainGpt plain;
    private final ModelId model;
    private final Parameters params;
    private final List<Integer> rotationSteps;
    private final HeldOutPrompts prompts;
    private final ValidatorSettings settings;
    private final LogitScorer scorer;
    private final ChallengePayer payer;
    private final ChallengeRunner runner = new ChallengeRunner("validator-challenge");

    /**
     * @param rotationSteps the rotations the Brain's circuit performs, from the validator's own copy of the model (as a
     *        user's client derives them), never from the miner's word
     */
    public Challenger(PlainGpt plain, ModelId model, Parameters params, List<Integer> rotationSteps, HeldOutPrompts prompts,
            ValidatorSettings settings, ChallengePayer payer) {
        this.plain = plain;
        this.model = model;
        this.params = params;
        this.rotationSteps = List.copyOf(rotationSteps);
        this.prompts = prompts;
        this.settings = settings;
        this.scorer = new LogitScorer(settings.scoring());
        this.payer = payer;
    }

    @Override
    public Result challenge(MinerTarget target) throws InterruptedException {
        List<Integer> prompt = wellConditionedPrompt();
        try {
            payer.ensureCovers(settings.tokens());
        } catch (Exception e) {
            throw new ValidatorSideException("cannot pay for a challenge of " + settings.tokens() + " tokens: " + e.getMessage(), e);
        }
        Exchange exchange = new Exchange(target, prompt);
        Optional<String> failure = runner.run(exchange, settings.challengeDeadline());
        if (failure.isPresent()) return new Result(new Score(0, failure.get()), exchange.slowest, exchange.decrypted.size() + " tokens");
        double[][] reference = new double[exchange.sequences.size()][];
        for (int t = 0; t < reference.length; t++) {
            int[] sequence = exchange.sequences.get(t);
            double[][] all = plain.logits(sequence);
            reference[t] = all[all.length - 1];
        }
        double[][] decrypted = exchange.decrypted.toArray(new double[0][]);
        Score score = scorer.score(reference, ChallengeOutcome.answered(decrypted, exchange.slowest));
        return new Result(score, exchange.slowest, decrypted.length + " tokens");
    }

    /**
     * A held-out prompt whose attention denominators are not near zero. The client counts a mean denominator below
     * -{@code ZkllmClient.DENOMINATOR_NOISE} as the miner's anomaly; CKKS noise on it is far smaller (5e-7 measured), so
     * this is a second guard, kept because a challenge that scored an honest miner zero would cost it a whole epoch's
     * incentive. The validator knows the prompt, so it runs the plaintext model over the passes the challenge will make
     * (the prompt and its greedy continuation) and draws again when a denominator falls under
     * {@link #MIN_MEAN_DENOMINATOR}. The miner sees neither the prompt nor the denominators, so the choice is invisible.
     */
    List<Integer> wellConditionedPrompt() {
        List<Integer> prompt = prompts.next();
        for (int attempt = 1; attempt < MAX_DRAWS && smallestMeanDenominator(prompt) < MIN_MEAN_DENOMINATOR; attempt++) prompt = prompts.next();
        return prompt;
    }

    private double smallestMeanDenominator(List<Integer> prompt) {
        double[] smallest = {Double.MAX_VALUE};
        List<Integer> ids = new ArrayList<>(prompt);
        for (int t = 0; t < settings.tokens(); t++) {
            double[][] logits = plain.logits(ids.stream().mapToInt(Integer::intValue).toArray(), (layer, z) -> smallest[0] = Math.min(smallest[0], z));
            ids.add(EncryptedGeneration.argmax(logits[logits.length - 1]));
        }
        return smallest[0];
    }

    @Override
    public void close() {
        runner.close();
    }

    /** The exchange with the miner: one encrypted pass per token, greedy decoding, a receipt after each sound token. */
    private final class Exchange extends MinerExchange {
        private final List<Integer> prompt;
        // read by the caller, also when it gives up on an exchange that is still running
        private final List<int[]> sequences = Collections.synchronizedList(new ArrayList<>());
        private final List<double[]> decrypted = Collections.synchronizedList(new ArrayList<>());
        private volatile Duration slowest = Duration.ZERO;

        Exchange(MinerTarget target, List<Integer> prompt) {
            super(target, payer);
            this.prompt = prompt;
        }

        @Override
        void run() throws Exception {
            ZkllmClient client = new ZkllmClient(params, plain, Sampler.secure());
            EvaluationKeys keys = client.evaluationKeys(rotationSteps);
            MinerClient miner = connect(model, settings, client.keySetId(), keys, new EvaluationKeyFormat(params));
            try (RemoteSession session = openSession(miner)) {
                List<Integer> ids = new ArrayList<>(prompt);
                for (int t = 0; t < settings.tokens(); t++) {
                    client.resetTraffic();
                    int[] sequence = ids.stream().mapToInt(Integer::intValue).toArray();
                    long t0 = System.nanoTime();
                    byte[] state = client.encryptPromptsForWire(List.of(sequence));
                    List<byte[]> blocks = session.logits(client.keySetId(), state, client.segments(), client);
                    double[][] positions = client.decryptLogitsFromWire(blocks)[0];
                    Duration pass = Duration.ofNanos(System.nanoTime() - t0);
                    if (pass.compareTo(slowest) > 0) slowest = pass;
                    if (client.anomalies() > 0) {
                        throw new MinerRefusedException("its round trips carried " + client.anomalies() + " values out of range (first: "
                                + client.checks().first() + "; faulty or malicious): the token is discarded and not paid, as a user's query does");
                    }
                    double[] last = positions[positions.length - 1];
                    sequences.add(sequence);
                    decrypted.add(last);
                    ids.add(EncryptedGeneration.argmax(last));
                    session.pay(receipt(1));
                }
            } finally {
                sessionEnded();
            }
        }
    }
}
