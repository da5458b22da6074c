package ai.based.oracle.enforcer;

import ai.based.service.Worker;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The TFT Enforcer's pass (Brain #2's role): once per epoch, when {@code afterBlocks} of it have passed (validators
 * reveal the previous epoch's weights early in this one), each Brain's history is read, a TFT trained, its held-out
 * accuracy reported beside the last-value baseline, and the forecast for the current epoch posted before the epoch
 * closes, so every oracle signer blends the same I_tft. A Brain whose forecast fails (chain trouble, a refused post) is
 * logged and retried on the next pass; bad data costs samples or the Brain's forecast for the epoch, never the service.
 */
public final class EnforcerWorker implements Worker {
    private final EpochSource source;
    private final ForecastBoard board;
    private final Settings settings;
    private final Consumer<String> log;
    private final Map<Long, TreeMap<Long, EpochObservation>> history = new LinkedHashMap<>();
    /** Per Brain, the last pass's figures; read by /metrics on the HTTP thread, so replaced whole, never mutated. */
    private final Map<Long, JsonObject> reports = new ConcurrentHashMap<>();
    private final Set<Long> done = new HashSet<>();
    private volatile long workingEpoch = -1;
    private volatile long posts;
    private volatile long failures;

    /**
     * @param historyEpochs epochs of history read per Brain
     * @param afterBlocks blocks into an epoch before forecasting it (reveals of the epoch before are in by then)
     */
    public record Settings(List<Long> brains, int historyEpochs, long afterBlocks, int steps, long seed) {
        public Settings {
            brains = List.copyOf(brains);
            if (brains.isEmpty()) throw new IllegalArgumentException("the Enforcer needs at least one Brain to forecast");
            if (historyEpochs < 3 || afterBlocks < 0 || steps < 1) throw new IllegalArgumentException("history must be >= 3 epochs, steps >= 1");
        }
    }

    public EnforcerWorker(EpochSource source, ForecastBoard board, Settings settings, Consumer<String> log) {
        this.source = source;
        this.board = board;
        this.settings = settings;
        this.log = log;
    }

    @Override
    public void pass() throws Exception {
        long epoch = source.currentEpoch();
        if (epoch != workingEpoch) {
            workingEpoch = epoch;
            done.clear();
        }
        if (done.size() == settings.brains().size() || source.blocksIntoEpoch() < settings.afterBlocks()) return;
        for (long brain : settings.brains()) {
            if (done.contains(brain)) continue;
            try {
                forecastBrain(brain, epoch);
                done.add(brain);
            } catch (Exception e) {
                failures++;
                reports.put(brain, reports.getOrDefault(brain, new JsonObject()).copy().put("lastError", String.valueOf(e.getMessage())));
                log.accept("Brain #" + brain + " epoch " + epoch + ": forecast not posted (" + e.getMessage() + "); retrying on the next pass");
            }
        }
    }

    private void forecastBrain(long brain, long epoch) throws Exception {
        if (board.posted(epoch, brain)) {
            log.accept("Brain #" + brain + " epoch " + epoch + ": a forecast is already posted");
            return;
        }
        List<EpochObservation> observed = observations(brain, epoch);
        if (observed.isEmpty()) {
            log.accept("Brain #" + brain + " epoch " + epoch + ": no history yet, no forecast (the oracle uses Yuma alone)");
            return;
        }
        EpochObservation last = observed.get(observed.size() - 1);
        TftConfig config = TftConfig.forNodeSeries(settings.steps(), settings.seed() + epoch);
        long started = System.nanoTime();
        BrainForecaster.Result result = BrainForecaster.forecast(NodeSeriesBuilder.build(observed), last.miners(), last.epoch(), config, line -> { });
        double seconds = (System.nanoTime() - started) / 1e9;
        JsonObject report = new JsonObject().put("epoch", epoch).put("miners", last.miners()).put("trainingSamples", result.trainingSamples())
                .put("skippedSamples", result.skippedSamples()).put("seconds", seconds);
        result.accuracy().ifPresent(a -> report.put("heldOutSamples", a.samples()).put("pinball", a.pinball()).put("mae", a.mae())
                .put("baselinePinball", a.baselinePinball()).put("baselineMae", a.baselineMae()));
        if (!result.importance().isEmpty()) {
            JsonObject importance = new JsonObject();
            result.importance().forEach(importance::put);
            report.put("variableImportance", importance);
        }
        String accuracy = result.accuracy().map(ForecastAccuracy::toString).orElse("nothing held out");
        if (result.uids() == null) {
            reports.put(brain, report.put("posted", false).put("note", result.note()));
            log.accept("Brain #" + brain + " epoch " + epoch + ": no forecast, " + result.note());
            return;
        }
        if (result.uids().length > 0) {
            board.post(epoch, brain, result.uids(), result.values());
            posts++;
        }
        reports.put(brain, report.put("posted", result.uids().length > 0).put("note", result.note()));
        log.accept(String.format("Brain #%d epoch %d: forecast posted for %d miners (%s%.1f s); %s", brain, epoch, result.uids().length,
                result.note().isEmpty() ? "" : result.note() + ", ", seconds, accuracy));
    }

    /**
     * The Brain's observations of the epochs before {@code epoch}. Epochs whose reveal window has closed are final and
     * kept; the one just before {@code epoch} is re-read (its reveals arrive during this epoch).
     */
    private List<EpochObservation> observations(long brain, long epoch) throws Exception {
        TreeMap<Long, EpochObservation> known = history.computeIfAbsent(brain, b -> new TreeMap<>());
        long from = Math.max(0, epoch - settings.historyEpochs());
        known.headMap(from).clear();
        List<EpochObservation> out = new ArrayList<>();
        for (long e = from; e < epoch; e++) {
            EpochObservation o = known.get(e);
            if (o == null) {
                o = source.observe(brain, e);
                if (e < epoch - 1) known.put(e, o);
            }
            if (o.miners() > 0 || !out.isEmpty()) out.add(o);
        }
        return out;
    }

    @Override
    public JsonObject metrics() {
        JsonObject brains = new JsonObject();
        new TreeMap<>(reports).forEach((brain, report) -> brains.put(String.valueOf(brain), report.copy()));
        return new JsonObject().put("enforcer", new JsonObject().put("epoch", workingEpoch).put("posts", posts).put("failures", failures).put("brains", brains));
    }
}
