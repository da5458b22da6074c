package ai.based.service;

import io.vertx.core.json.JsonObject;

/**
 * What a {@link PeriodicService} repeats: one pass of a worker's job (scan, attest and deliver for a relayer; score
 * for a validator). A pass that throws counts as failed: the service backs off and retries under its
 * {@link FailurePolicy}, so one bad pass never ends the process by itself.
 */
public interface Worker extends AutoCloseable {
    void pass() throws Exception;

    /**
     * The service is stopping: cut the pass in progress short where the worker knows that to be safe, or let it run to
     * its end. {@link PeriodicService#stop} calls it once, from the stopping thread, while a pass may be running, and
     * runs no pass after it. It must return at once: it asks, it does not wait. A worker whose pass waits on a party
     * outside the process (a validator on the miner it challenges) implements it, so that a stop does not wait that out.
     */
    default void cancel() {}

    /** The worker's own figures for GET /metrics. */
    default JsonObject metrics() {
        return new JsonObject();
    }

    /** Releases what the worker holds (stores, sessions); called once, after its last pass. */
    @Override
    default void close() throws Exception {}
}
