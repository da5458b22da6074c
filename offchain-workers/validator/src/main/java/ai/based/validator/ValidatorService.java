package ai.based.validator;

import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.protocol.consensus.U16Weights;
import ai.based.protocol.scoring.ScoreEma;
import ai.based.service.FailurePolicy;
import ai.based.service.HttpRoutes;
import ai.based.service.PeriodicService;
import ai.based.service.Worker;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The validator's worker. Each pass first settles its weights on chain ({@link WeightSetter}: reveal what is due,
 * commit for this epoch), then challenges the next of the Brain's serving miners, in uid order round the list, and
 * folds the score into the moving average. A miner whose uid now belongs to another account starts from zero.
 *
 * <p>The challenge runs on a thread of its own while the pass keeps an eye on the chain, so that a reveal lands as the
 * epoch turns rather than after the challenge in flight (minutes against a slow miner or without round trips). A
 * commit's reveal is accepted during the next epoch only: on the network (360 blocks of 10 s) that is timeliness; on
 * a devnet that mines epochs closed at will it decides whether the reveal lands at all. When the epoch moves during a
 * challenge, the weights are settled then and there, with the averages as they stood before it.
 *
 * <p>A stop ({@link #cancel}) abandons the challenge in flight but never the weights' settlement: a challenge has no
 * state to leave half-written, a transaction does. The abandoned challenge is not recorded: the miner is neither scored
 * nor penalised for the validator's stop.
 */
public final class ValidatorService implements Worker {
    /** Where the serving miners come from: the registry on chain ({@link MinerRoster}). */
    @FunctionalInterface
    public interface Roster {
        List<MinerTarget> serving() throws Exception;
    }

    /** What puts the weights on chain, one step per pass ({@link WeightSetter}). */
    public interface WeightsStep {
        void settle(Supplier<WeightSetter.Weights> current);

        /**
         * While a challenge runs: {@link #settle} if the chain's epoch moved since the last settlement or a failed reveal
         * is still due (retried at a slower pace), else nothing but a few reads from the chain.
         */
        void settleIfEpochMoved(Supplier<WeightSetter.Weights> current);

        /** Its figures for /metrics. */
        JsonObject metrics();
    }

    private final Roster roster;
    private final MinerChallenger challenger;
    private final WeightsStep weights;
    private final Consumer<String> log;
    private final ScoreEma ema;
    private final Duration settleEvery;
    private final ExecutorService challengeThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "validator-pass-challenge");
        thread.setDaemon(true);
        return thread;
    });
    private String lastSettleFailure = "";
    private final Map<Integer, MinerRecord> records = new ConcurrentHashMap<>();
    private int lastUid = -1;
    private volatile long challenges;
    private volatile boolean cancelled;

    /** What /metrics shows of one miner. */
    private record MinerRecord(String account, double lastScore, String lastReason, long challenges) {}

    /** How often the chain's epoch is looked at while a challenge runs: a few reads from the node each time. */
    public static final Duration SETTLE_EVERY = Duration.ofSeconds(2);

    public ValidatorService(Roster roster, MinerChallenger challenger, WeightsStep weights, double emaAlpha, Consumer<String> log) {
        this(roster, challenger, weights, emaAlpha, log, SETTLE_EVERY);
    }

    /** @param settleEvery how often the chain's epoch is looked at while a challenge runs */
    public ValidatorService(Roster roster, MinerChallenger challenger, WeightsStep weights, double emaAlpha, Consumer<String> log,
            Duration settleEvery) {
        if (settleEvery.isNegative() || settleEvery.isZero()) throw new IllegalArgumentException("settleEvery must be positive: " + settleEvery);
        this.settleEvery = settleEvery;
        this.roster = roster;
        this.challenger = challenger;
        this.weights = weights;
        this.log = log;
        this.ema = new ScoreEma(ValidatorWeightsClient.MAX_ENTRIES, emaAlpha);
    }

    @Override
    public void pass() throws Exception {
        weights.settle(this::currentWeights);
        if (cancelled) return; // settled whole; no challenge starts once the validator is stopping
        List<MinerTarget> serving = roster.serving();
        if (serving.isEmpty()) return;
        MinerTarget target = serving.stream().filter(m -> m.uid() > lastUid).findFirst().orElse(serving.getFirst());
        lastUid = target.uid();
        MinerChallenger.Result result = challengeWhileSettling(target);
        if (cancelled) {
            // cut short, or finished as the stop came: either way not a judgement of the miner, whose record stays as it was
            log.accept("abandoned the challenge of " + target.label() + ": the validator is stopping");
            return;
        }
        MinerRecord before = records.get(target.uid());
        if (before != null && !before.account().equalsIgnoreCase(target.account())) {
            ema.reset(target.uid());
            before = null;
        }
        ema.update(target.uid(), result.score().value());
        challenges++;
        records.put(target.uid(), new MinerRecord(target.account(), result.score().value(), result.score().reason(),
                before == null ? 1 : before.challenges() + 1));
        log.accept(String.format("challenged %s: score %.3f (%s), %s, miner's slowest pass %.1f s; average %.3f", target.label(),
                result.score().value(), result.score().reason(), result.answered(), result.slowestPass().toMillis() / 1e3, ema.average(target.uid())));
    }

    /** The challenge of {@code target}, on its own thread; meanwhile the weights are settled whenever the epoch moves. */
    private MinerChallenger.Result challengeWhileSettling(MinerTarget target) throws Exception {
        Future<MinerChallenger.Result> running = challengeThread.submit(() -> challenger.challenge(target));
        try {
            while (true) {
                try {
                    return running.get(settleEvery.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    if (!cancelled) settleDuringChallenge(); // a stopping validator sends no transaction it need not
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            cancel(); // this thread is being ended: the challenge must not go on with nobody to record it
            throw e;
        } finally {
            if (!running.isDone()) running.cancel(true); // a look that threw an Error: the challenge ends with the pass
        }
    }

    /**
     * A settlement that fails here (the chain's node unreachable) must not end the challenge, whose result is still
     * wanted: it is logged once per distinct failure, and the next pass's settlement tries again.
     */
    private void settleDuringChallenge() {
        try {
            weights.settleIfEpochMoved(this::currentWeights);
            lastSettleFailure = "";
        } catch (RuntimeException e) {
            String failure = String.valueOf(e.getMessage());
            if (!failure.equals(lastSettleFailure)) log.accept("could not settle the weights during a challenge (the next pass tries again): " + failure);
            lastSettleFailure = failure;
        }
    }

    /** The miners with a positive average, uids ascending, max-upscaled to u16 as the chain takes them. */
    WeightSetter.Weights currentWeights() {
        int[] uids = records.keySet().stream().mapToInt(Integer::intValue).filter(uid -> ema.average(uid) > 0).sorted().toArray();
        double[] averages = new double[uids.length];
        for (int i = 0; i < uids.length; i++) averages[i] = ema.average(uids[i]);
        return new WeightSetter.Weights(uids, U16Weights.maxUpscale(averages));
    }

    @Override
    public JsonObject metrics() {
        JsonArray miners = new JsonArray();
        records.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> miners.add(new JsonObject().put("uid", e.getKey())
                .put("account", e.getValue().account()).put("ema", ema.average(e.getKey())).put("lastScore", e.getValue().lastScore())
                .put("lastReason", e.getValue().lastReason()).put("challenges", e.getValue().challenges())));
        return new JsonObject().put("challenges", challenges).put("miners", miners).put("weights", weights.metrics());
    }

    @Override
    public void cancel() {
        cancelled = true;
        challenger.cancel();
    }

    @Override
    public void close() {
        challengeThread.shutdownNow();
        challenger.close();
    }

    /** The service around this worker: a pass every {@code interval}, /health and /metrics on host:port (0 picks one). */
    public PeriodicService service(String name, String host, int port, Duration interval, Consumer<String> log) {
        return new PeriodicService(name, this, new FailurePolicy(interval, Duration.ofMinutes(5), 1_000), log).serveHttp(host, port, HttpRoutes.NONE);
    }
}
