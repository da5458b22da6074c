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
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The validator's worker. Each pass first settles its weights on chain ({@link WeightSetter}: reveal what is due,
 * commit for this epoch), then challenges the next of the Brain's serving miners, in uid order round the list, and
 * folds the score into the moving average. A miner whose uid now belongs to another account starts from zero.
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

        /** Its figures for /metrics. */
        JsonObject metrics();
    }

    private final Roster roster;
    private final MinerChallenger challenger;
    private final WeightsStep weights;
    private final Consumer<String> log;
    private final ScoreEma ema;
    private final Map<Integer, MinerRecord> records = new ConcurrentHashMap<>();
    private int lastUid = -1;
    private volatile long challenges;
    private volatile boolean cancelled;

    /** What /metrics shows of one miner. */
    private record MinerRecord(String account, double lastScore, String lastReason, long challenges) {}

    public ValidatorService(Roster roster, MinerChallenger challenger, WeightsStep weights, double emaAlpha, Consumer<String> log) {
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
        MinerChallenger.Result result = challenger.challenge(target);
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
        log.accept(String.format("challenged %s: score %.3f (%s), %s, slowest request %.1f s; average %.3f", target.label(),
                result.score().value(), result.score().reason(), result.answered(), result.slowestPass().toMillis() / 1e3, ema.average(target.uid())));
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
        challenger.close();
    }

    /** The service around this worker: a pass every {@code interval}, /health and /metrics on host:port (0 picks one). */
    public PeriodicService service(String name, String host, int port, Duration interval, Consumer<String> log) {
        return new PeriodicService(name, this, new FailurePolicy(interval, Duration.ofMinutes(5), 1_000), log).serveHttp(host, port, HttpRoutes.NONE);
    }
}
