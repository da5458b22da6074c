package ai.based.service;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link Service} that repeats a {@link Worker}'s pass on a thread of its own, backs off after failed passes and
 * gives up after too many in a row ({@link FailurePolicy}). It may serve HTTP beside the loop ({@link #serveHttp}):
 * GET /health, GET /metrics and the worker's own routes.
 *
 * <p>{@link #stop} never interrupts a pass: a pass is the unit that the workers make safe to cut between (durable
 * stores, settled transactions), and interrupting one inside a store write would break that promise. It asks the worker
 * instead ({@link Worker#cancel}), which alone knows where its pass may end early; the loop ends after the pass in
 * progress, and the wait before the next pass is cut short.
 */
public final class PeriodicService implements Service {
    private final String name;
    private final Worker worker;
    private final FailurePolicy policy;
    private final Consumer<String> log;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private HttpEndpoint http;
    private String httpHost;
    private int httpPort = -1;
    private HttpRoutes routes = HttpRoutes.NONE;
    private EndpointSettings settings = EndpointSettings.PLAIN;
    private CompletableFuture<Void> stopped;
    private volatile State state = State.NEW;
    private volatile long passes;
    private volatile int consecutiveFailures;
    private volatile String lastError = "";

    public PeriodicService(String name, Worker worker, FailurePolicy policy, Consumer<String> log) {
        this.name = Objects.requireNonNull(name);
        this.worker = Objects.requireNonNull(worker);
        this.policy = Objects.requireNonNull(policy);
        this.log = Objects.requireNonNull(log);
    }

    /** Serves HTTP on host:port (0 picks a free port) while the service runs; call before {@link #start}. */
    public synchronized PeriodicService serveHttp(String host, int port, HttpRoutes routes) {
        if (state != State.NEW) throw new IllegalStateException(name + " has already started");
        this.httpHost = host;
        this.httpPort = port;
        this.routes = routes;
        return this;
    }

    /** As {@link #serveHttp(String, int, HttpRoutes)}, with TLS, WebSocket sizes and streaming routes. */
    public synchronized PeriodicService serveHttp(String host, int port, HttpRoutes routes, EndpointSettings settings) {
        serveHttp(host, port, routes);
        this.settings = Objects.requireNonNull(settings);
        return this;
    }

    /** The bound HTTP port once started, or -1 without HTTP. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public State state() {
        return state;
    }

    public Health health() {
        return new Health(name, state, passes, consecutiveFailures, lastError);
    }

    @Override
    public synchronized CompletableFuture<Void> start() {
        if (state != State.NEW) throw new IllegalStateException(name + " was started before (state " + state + ")");
        state = State.STARTING;
        try {
            if (httpPort >= 0) http = HttpEndpoint.start(httpHost, httpPort, this::health, this::metrics, routes, settings);
        } catch (Exception e) {
            state = State.FAILED;
            closeWorker();
            started.completeExceptionally(e);
            terminated.completeExceptionally(e);
            return started;
        }
        Thread loop = new Thread(this::loop, name);
        loop.setDaemon(true); // the JVM's shutdown hook stops it; a forgotten service must not keep a CLI alive
        state = State.RUNNING;
        loop.start();
        started.complete(null);
        return started;
    }

    @Override
    public synchronized CompletableFuture<Void> stop() {
        if (stopped != null) return stopped;
        stopped = new CompletableFuture<>();
        if (state == State.NEW) {
            state = State.STOPPED;
            closeWorker();
            terminated.complete(null);
        } else if (state == State.RUNNING || state == State.STARTING) {
            state = State.STOPPING;
            stopSignal.countDown();
            cancelPass();
        }
        terminated.whenComplete((ok, error) -> stopped.complete(null));
        return stopped;
    }

    @Override
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    private JsonObject metrics() {
        return new JsonObject().put("service", health().json()).mergeIn(worker.metrics());
    }

    private void loop() {
        Backoff backoff = policy.backoff();
        Throwable failure = null;
        try {
            while (stopSignal.getCount() > 0) {
                try {
                    worker.pass();
                    passes++;
                    backoff.reset();
                    consecutiveFailures = 0;
                    lastError = "";
                } catch (InterruptedException e) {
                    break;
                } catch (Exception e) {
                    lastError = String.valueOf(e.getMessage());
                    Duration pause = backoff.next();
                    consecutiveFailures = backoff.failures();
                    if (consecutiveFailures >= policy.maxConsecutiveFailures()) {
                        failure = new ServiceGaveUpException(name + " gave up after " + consecutiveFailures
                                + " failed passes in a row; last: " + lastError, e);
                        break;
                    }
                    log.accept("pass failed (" + consecutiveFailures + " in a row), retrying in " + pause.toMillis()
                            + " ms: " + lastError);
                }
                if (stopSignal.await(backoff.delay().toMillis(), TimeUnit.MILLISECONDS)) break;
            }
        } catch (Throwable t) { // an Error from a pass, or an interrupt while waiting: end the service, say why
            failure = t;
        } finally {
            finish(failure);
        }
    }

    private void finish(Throwable failure) {
        try {
            if (http != null) http.close();
            closeWorker();
        } finally {
            // under the lock stop() takes, so that a stop racing the end never leaves the state at STOPPING
            synchronized (this) {
                state = failure == null ? State.STOPPED : State.FAILED;
            }
            if (failure == null) terminated.complete(null);
            else terminated.completeExceptionally(failure);
        }
    }

    /** Asks the worker to end its pass early; whatever it throws is reported, never allowed to keep the service running. */
    private void cancelPass() {
        try {
            worker.cancel();
        } catch (RuntimeException | Error e) {
            log.accept("cancelling " + name + "'s pass failed: " + e);
        }
    }

    /** Closes the worker; whatever it throws is reported, never allowed to keep the service from terminating. */
    private void closeWorker() {
        try {
            worker.close();
        } catch (Exception | Error e) {
            log.accept("closing " + name + " failed: " + e);
        }
    }

    /** What GET /health answers. */
    public record Health(String service, State state, long passes, int consecutiveFailures, String lastError) {
        public JsonObject json() {
            return new JsonObject().put("name", service).put("state", state.name()).put("passes", passes)
                    .put("consecutiveFailures", consecutiveFailures).put("lastError", lastError);
        }

        public boolean healthy() {
            return state == State.RUNNING && consecutiveFailures == 0;
        }
    }
}
