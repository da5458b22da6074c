package ai.based.service;

import io.vertx.core.json.JsonObject;

/**
 * What a {@link PeriodicService} repeats: one pass of a worker's job (scan, attest and deliver for a relayer; score
 * for a validator). A pass that throws counts as failed: the service backs off and retries under its
 * {@link FailurePolicy}, so one bad pass never ends the process by itself.
 */
public interface Worker extends AutoCloseable {
    void pass() throws Exception;

    /** The worker's own figures for GET /metrics. */
    default JsonObject metrics() {
        return new JsonObject();
    }

    /** Releases what the worker holds (stores, sessions); called once, after its last pass. */
    @Override
    default void close() throws Exception {}
}
