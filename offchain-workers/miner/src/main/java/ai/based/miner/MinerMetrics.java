package ai.based.miner;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** A miner's figures for GET /metrics: passes served and their time, refusals by status, sessions, uploads. */
final class MinerMetrics {
    private final LongAdder passes = new LongAdder();
    private final LongAdder passNanos = new LongAdder();
    private final Map<Integer, LongAdder> failures = new ConcurrentHashMap<>();
    private final AtomicLong sessions = new AtomicLong();
    private final LongAdder refusedBusy = new LongAdder();
    private final LongAdder uploads = new LongAdder();
    private final LongAdder uploadedBytes = new LongAdder();

    void passServed(long nanos) {
        passes.increment();
        passNanos.add(nanos);
    }

    void failed(int status) {
        failures.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    void sessionOpened() {
        sessions.incrementAndGet();
    }

    void sessionClosed() {
        sessions.decrementAndGet();
    }

    void refusedBusy() {
        refusedBusy.increment();
    }

    void uploaded(long bytes) {
        uploads.increment();
        uploadedBytes.add(bytes);
    }

    long passes() {
        return passes.sum();
    }

    JsonObject json(EvaluationKeyStore keys) {
        JsonObject failed = new JsonObject();
        failures.forEach((status, count) -> failed.put(String.valueOf(status), count.sum()));
        long served = passes.sum();
        return new JsonObject().put("passes", served).put("passSecondsMean", served == 0 ? 0 : passNanos.sum() / 1e9 / served)
                .put("failures", failed).put("sessions", sessions.get()).put("refusedBusy", refusedBusy.sum())
                .put("keyUploads", uploads.sum()).put("keyUploadBytes", uploadedBytes.sum()).put("keySets", keys.size())
                .put("keyStoreBytes", keys.usedBytes()).put("keyStoreBudget", keys.budgetBytes());
    }
}
