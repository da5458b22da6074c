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
import ai.based.miner.remote.MinerException;
import ai.based.miner.remote.RemoteSession;
import ai.based.protocol.scoring.ChallengeOutcome;
import ai.based.protocol.scoring.LogitScorer;
import ai.based.protocol.scoring.Score;
import ai.based.protocol.wire.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

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
    // a thread per challenge: an exchange abandoned at its deadline (stuck in a read the abort cannot reach) never holds
    // up the next challenge
    private final ExecutorService runner = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "validator-challenge");
        thread.setDaemon(true);
        return thread;
    });

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
        Future<Void> running = runner.submit(() -> {
            exchange.run();
            return null;
        });
        try {
            running.get(settings.challengeDeadline().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            exchange.abort();
            return zero("no answer within the challenge's deadline of " + settings.challengeDeadline().toSeconds() + " s", exchange);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ValidatorSideException own) throw own;
            if (cause instanceof MinerException || cause instanceof IllegalArgumentException || cause instanceof RefusedException) {
                return zero(cause.getMessage(), exchange);
            }
            return zero("the exchange failed: " + cause, exchange);
        }
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
     * A held-out prompt on which an honest miner cannot fail the user's round-trip checks. The client counts a mean
     * denominator that decrypts to zero or below as the miner's anomaly, and CKKS noise takes a true one under about 1e-3
     * there (held-out prompts below it: about 5%; two of four such prompts flagged an honest in-process pass): such a
     * prompt would score an honest miner zero. The validator knows the prompt, so it runs the plaintext model over the
     * passes the challenge will make (the prompt and its greedy continuation) and draws again when a denominator falls
     * under {@link #MIN_MEAN_DENOMINATOR}. The miner sees neither the prompt nor the denominators, so the choice is invisible.
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

    private static Result zero(String reason, Exchange exchange) {
        return new Result(new Score(0, reason), exchange.slowest, exchange.decrypted.size() + " tokens");
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }

    /** A miner's answer that ends the challenge before any pass: another model, another account. */
    private static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    /** The exchange with the miner, on the runner's thread; the caller reads its fields once it has ended. */
    private final class Exchange {
        private final MinerTarget target;
        private final List<Integer> prompt;
        private final AtomicReference<RemoteSession> open = new AtomicReference<>();
        // read by the caller, also when it gives up on an exchange that is still running
        private final List<int[]> sequences = Collections.synchronizedList(new ArrayList<>());
        private final List<double[]> decrypted = Collections.synchronizedList(new ArrayList<>());
        private volatile Duration slowest = Duration.ZERO;

        Exchange(MinerTarget target, List<Integer> prompt) {
            this.target = target;
            this.prompt = prompt;
        }

        void run() throws Exception {
            ZkllmClient client = new ZkllmClient(params, plain, Sampler.secure());
            EvaluationKeys keys = client.evaluationKeys(rotationSteps);
            // the upload of a key set (hundreds of MB) and each message get the setup's allowance; the passes' latency is
            // scored on its own and the whole exchange ends at the challenge's deadline
            MinerClient miner = new MinerClient(target.endpoint(), target.certificateSha256(), settings.setupTimeout());
            miner.latency();
            var info = miner.info();
            String serves = info.getString("model", "");
            if (!model.toString().equals(serves)) throw new RefusedException("it serves " + serves + ", the Brain names " + model);
            String account = info.getString("miner", "");
            if (!target.account().equalsIgnoreCase(account)) {
                throw new RefusedException("it says it is " + account + ", the chain lists " + target.account());
            }
            miner.uploadKeys(client.keySetId(), keys, new EvaluationKeyFormat(params));
            try (RemoteSession session = miner.openSession(payer.account())) {
                open.set(session);
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
                        throw new RefusedException("its round trips carried " + client.anomalies() + " values out of range (faulty or "
                                + "malicious): the token is discarded and not paid, as a user's query does");
                    }
                    double[] last = positions[positions.length - 1];
                    sequences.add(sequence);
                    decrypted.add(last);
                    ids.add(EncryptedGeneration.argmax(last));
                    session.pay(receipt());
                }
            } finally {
                open.set(null);
            }
        }

        private Message.Payment receipt() {
            try {
                return payer.oneMoreUnit(target.account());
            } catch (Exception e) {
                throw new ValidatorSideException("could not sign the receipt for " + target.label() + ": " + e.getMessage(), e);
            }
        }

        void abort() {
            RemoteSession session = open.get();
            if (session != null) session.close();
        }
    }
}
