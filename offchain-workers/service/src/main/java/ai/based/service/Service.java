package ai.based.service;

import java.util.concurrent.CompletableFuture;

/**
 * A long-running process of the network (relayer, miner, validator, oracle signer, portal). Every one has the same
 * lifecycle so that the CLI, the demo and the tests drive them alike: {@link #start} once, {@link #stop} any number
 * of times (the first call stops, later calls return the same future), and {@link #terminated} to learn when and
 * why it ended.
 */
public interface Service {
    enum State { NEW, STARTING, RUNNING, STOPPING, STOPPED, FAILED }

    String name();

    State state();

    /** Completes once the service runs; fails if it could not start. Calling it twice is a programming error. */
    CompletableFuture<Void> start();

    /** Stops the service and completes when it has released everything; idempotent. */
    CompletableFuture<Void> stop();

    /** Completes when the service has stopped: normally after {@link #stop}, exceptionally when it gave up by itself. */
    CompletableFuture<Void> terminated();
}
