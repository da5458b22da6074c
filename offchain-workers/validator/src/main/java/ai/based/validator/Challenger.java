package ai.based.validator;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.zkllm.encrypted.ClientRounds;
import ai.based.fhe.zkllm.encrypted.EncryptedGeneration;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.miner.remote.BootstrappingKeyFile;
import ai.based.miner.remote.BootstrappingKeyFormat;
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
    /** Where a non-interactive challenge's key set is written before its upload (deleted after it). */
    private static final java.nio.file.Path KEY_FILES = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "based-validator-keys");

    private final PlainGpt plain;
    private final ModelId model;
    private final Parameters params;
    private final List<Integer> rotationSteps;
    private final HeldOutPrompts prompts;
    private final ValidatorSettings settings;
    private final LogitScorer scorer;
    private final ChallengePayer payer;
    private final Optional<NonInteractiveChallenges> nonInteractive;
    private final java.util.Map<String, Integer> challenged = new java.util.concurrent.ConcurrentHashMap<>();
    private final ChallengeRunner runner = new ChallengeRunner("validator-challenge");

    /**
     * @param rotationSteps the rotations the Brain's circuit performs, from the validator's own copy of the model (as a
     *        user's client derives them), never from the miner's word
     */
    public Challenger(PlainGpt plain, ModelId model, Parameters params, List<Integer> rotationSteps, HeldOutPrompts prompts,
            ValidatorSettings settings, ChallengePayer payer) {
        this(plain, model, params, rotationSteps, prompts, settings, payer, Optional.empty());
    }

    /** @param nonInteractive challenges of the non-interactive mode too, every so many challenges of a miner serving it */
    public Challenger(PlainGpt plain, ModelId model, Parameters params, List<Integer> rotationSteps, HeldOutPrompts prompts,
            ValidatorSettings settings, ChallengePayer payer, Optional<NonInteractiveChallenges> nonInteractive) {
        this.nonInteractive = nonInteractive;
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
        // every so many challenges of a miner may go without round trips, if it serves that mode (read from its info)
        int count = challenged.merge(target.endpoint().toString(), 1, Integer::sum);
        Optional<NonInteractiveChallenges> due = nonInteractive.filter(mode -> count % mode.every() == 0);
        Exchange exchange = new Exchange(target, prompt, due);
        Duration deadline = due.map(mode -> settings.setupTimeout().plus(mode.scoring().timeout().multipliedBy(settings.tokens())))
                .orElse(settings.challengeDeadline());
        Optional<String> failure = runner.run(exchange, deadline);
        String mode = exchange.withoutRoundTrips ? " without round trips" : "";
        if (failure.isPresent()) return new Result(new Score(0, failure.get()), exchange.slowest, exchange.decrypted.size() + " tokens" + mode);
        double[][] reference = new double[exchange.sequences.size()][];
        for (int t = 0; t < reference.length; t++) {
            int[] sequence = exchange.sequences.get(t);
            double[][] all = plain.logits(sequence);
            reference[t] = all[all.length - 1];
        }
        double[][] decrypted = exchange.decrypted.toArray(new double[0][]);
        LogitScorer judge = exchange.withoutRoundTrips ? new LogitScorer(due.orElseThrow().scoring()) : scorer;
        Score score = judge.score(reference, ChallengeOutcome.answered(decrypted, exchange.slowest));
        return new Result(score, exchange.slowest, decrypted.length + " tokens" + mode);
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
    public void cancel() {
        runner.cancel();
    }

    @Override
    public void close() {
        runner.close();
    }

    /** The exchange with the miner: one encrypted pass per token, greedy decoding, a receipt after each sound token. */
    private final class Exchange extends MinerExchange {
        private final List<Integer> prompt;
        private final Optional<NonInteractiveChallenges> due;
        // read by the caller, also when it gives up on an exchange that is still running
        private volatile boolean withoutRoundTrips;
        private final List<int[]> sequences = Collections.synchronizedList(new ArrayList<>());
        private final List<double[]> decrypted = Collections.synchronizedList(new ArrayList<>());
        private volatile Duration slowest = Duration.ZERO;

        Exchange(MinerTarget target, List<Integer> prompt, Optional<NonInteractiveChallenges> due) {
            super(target, payer);
            this.prompt = prompt;
            this.due = due;
        }

        @Override
        void run() throws Exception {
            Checked checked = checked(model, settings);
            MinerClient miner = checked.miner();
            Optional<NonInteractiveChallenges> mode = due.filter(m -> m.servedBy(checked.info()));
            withoutRoundTrips = mode.isPresent();
            ZkllmClient client;
            if (mode.isPresent()) {
                // as a user's query --non-interactive: the model's keys and bootstrapping's, and no round trip answered
                client = new ZkllmClient(mode.get().frame(), plain, Sampler.secure());
                // made into a file key by key, as the user's client does: the set is 4 GB at N = 2^16
                try (BootstrappingKeyFile keys = BootstrappingKeyFile.write(KEY_FILES, client.evaluationKeyPlan(mode.get().rotationSteps()),
                        client.bootstrappingKeyPlan(mode.get().set()), new BootstrappingKeyFormat(mode.get().frame().params()))) {
                    miner.uploadBootstrappingKeys(client.keySetId(), keys);
                }
            } else {
                client = new ZkllmClient(params, plain, Sampler.secure());
                miner.uploadKeys(client.keySetId(), client.evaluationKeys(rotationSteps), new EvaluationKeyFormat(params));
            }
            ClientRounds rounds = withoutRoundTrips ? ClientRounds.NONE : client;
            try (RemoteSession session = openSession(miner)) {
                List<Integer> ids = new ArrayList<>(prompt);
                for (int t = 0; t < settings.tokens(); t++) {
                    client.resetTraffic();
                    int[] sequence = ids.stream().mapToInt(Integer::intValue).toArray();
                    byte[] state = client.encryptPromptsForWire(List.of(sequence));
                    TimedRounds timed = new TimedRounds(rounds);
                    long sent = System.nanoTime();
                    List<byte[]> blocks = session.logits(client.keySetId(), state, client.segments(), timed.rounds());
                    // the miner's latency: the pass less the validator's own work (encrypting, answering the round
                    // trips, decrypting), which says nothing of the miner; the session bounds the round trips' number,
                    // so a miner cannot compute while needless ones are answered and have that time excused
                    Duration pass = Duration.ofNanos(System.nanoTime() - sent - timed.nanos());
                    double[][] positions = client.decryptLogitsFromWire(blocks)[0];
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
