package ai.based.portal.network;

import ai.based.client.manifest.Manifest;
import ai.based.service.HttpRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The dashboard's JSON endpoints under {@code /v1/network/}, GET only:
 * <ul>
 *   <li>{@code emission?years=1..64} the emission curve (whitepaper Table 2) and where the chain is now</li>
 *   <li>{@code stake} stake per Brain with its APY</li>
 *   <li>{@code epochs?last=1..64} rewards of the latest posted epochs</li>
 *   <li>{@code brains/<0..1023>?offset=n} one Brain: configuration, nodes, fee, emissions and scores per epoch, and the
 *       miners' incentive and validators' dividends per closed epoch (computed in the background: see {@link ClosedEpochs})</li>
 *   <li>{@code proposals} GigaBrain proposals with both chambers' tallies</li>
 *   <li>{@code bridge/messages/<0x hash>} a bridge message's status</li>
 *   <li>{@code latency} serving miners' health-check latency, probed by the portal ({@link #probeMinersEvery})</li>
 * </ul>
 * Chain reads run on a small bounded pool, never on the HTTP event loop; answers are cached per head block. Bad input
 * is a 400 with a message, an unreachable node a 502, a full pool a 503: none of them stops the portal.
 */
public final class NetworkRoutes implements HttpRoutes, AutoCloseable {
    static final String PREFIX = "/v1/network/";
    private static final int THREADS = 2;
    private static final int QUEUED = 32;

    private final Supplier<Manifest> manifests;
    private NetworkReaders readers;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "portal-miner-probe");
        thread.setDaemon(true);
        return thread;
    });
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUED), runnable -> {
                Thread thread = new Thread(runnable, "portal-network-read");
                thread.setDaemon(true);
                return thread;
            });

    /** {@code manifests} is asked on each request; it may throw while there is no deployment (then a 503). */
    public NetworkRoutes(Supplier<Manifest> manifests) {
        this.manifests = manifests;
    }

    /** The readers of the current deployment, made anew when the manifest changed. */
    synchronized NetworkReaders readers() {
        Manifest manifest = manifests.get();
        if (readers == null || !readers.manifest.equals(manifest)) {
            if (readers != null) readers.close();
            readers = new NetworkReaders(manifest);
        }
        return readers;
    }

    /** Probes the serving miners' /health every {@code interval} from now on; a failed round is retried next time. */
    public void probeMinersEvery(Duration interval) {
        prober.scheduleWithFixedDelay(() -> {
            try {
                readers().latency.probeOnce();
            } catch (Exception e) {
                // the chain node is away: the history keeps what it has and the next round tries again
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean handle(HttpServerRequest request, Buffer body) {
        String path = request.path();
        if (!path.startsWith(PREFIX)) return false;
        if (request.method() != HttpMethod.GET) {
            reply(request, 405, error("only GET is served under " + PREFIX));
            return true;
        }
        Route read;
        String key;
        try {
            String rest = path.substring(PREFIX.length());
            key = rest + "?" + canonicalQuery(request);
            read = route(rest, request);
        } catch (BadQueryException e) {
            reply(request, 400, error(e.getMessage()));
            return true;
        }
        if (read == null) return false;
        try {
            pool.execute(() -> answer(request, key, read));
        } catch (RejectedExecutionException e) {
            reply(request, 503, error("the portal is busy reading the chain; try again in a moment"));
        }
        return true;
    }

    /** One endpoint's read, given the current deployment's readers and the head block. */
    @FunctionalInterface
    private interface Route {
        JsonObject read(NetworkReaders readers, long head) throws Exception;
    }

    private Route route(String rest, HttpServerRequest request) {
        switch (rest) {
            case "emission" -> {
                int years = (int) QueryParams.bounded("years", request.getParam("years"), 1, EmissionCurve.MAX_YEARS, 8);
                return (r, head) -> r.overview.emission(years, head);
            }
            case "stake" -> {
                return (r, head) -> r.overview.stake(head);
            }
            case "epochs" -> {
                int last = (int) QueryParams.bounded("last", request.getParam("last"), 1, NetworkOverview.MAX_EPOCHS, 16);
                return (r, head) -> r.overview.epochs(last, head);
            }
            case "proposals" -> {
                return (r, head) -> r.proposals.read(head);
            }
            case "latency" -> {
                return (r, head) -> r.latency.json().put("head", head);
            }
            default -> {
                if (rest.startsWith("brains/")) {
                    long id = QueryParams.bounded("Brain id", rest.substring("brains/".length()), 0, BrainDetail.MAX_BRAIN_ID);
                    int offset = (int) QueryParams.bounded("offset", request.getParam("offset"), 0, 1_791, 0);
                    return (r, head) -> r.brains.read(id, offset, head);
                }
                if (rest.startsWith("bridge/messages/")) {
                    String hash = QueryParams.hash("message hash", rest.substring("bridge/messages/".length()));
                    return (r, head) -> r.bridge.read(hash);
                }
                return null;
            }
        }
    }

    /** The query parameters a route reads, in a fixed order, so that ?a=1&b=2 and ?b=2&a=1 share a cache entry. */
    private static String canonicalQuery(HttpServerRequest request) {
        return "years=" + request.getParam("years") + "&last=" + request.getParam("last") + "&offset=" + request.getParam("offset");
    }

    private void answer(HttpServerRequest request, String key, Route route) {
        NetworkReaders current;
        try {
            current = readers();
        } catch (RuntimeException e) {
            reply(request, 503, error("the portal has no deployment to read: " + rootMessage(e)));
            return;
        }
        try {
            long head = current.overview.head();
            // the latency history changes between blocks, and a message is delivered on either chain: never cached
            boolean live = key.startsWith("latency?") || key.startsWith("bridge/");
            JsonObject answer = live ? route.read(current, head)
                    : current.cache.get(key, head, h -> route.read(current, h));
            reply(request, 200, answer);
        } catch (BadQueryException e) {
            reply(request, 400, error(e.getMessage()));
        } catch (Exception e) {
            reply(request, 502, error("the chain node did not answer as expected: " + rootMessage(e)));
        }
    }

    private static void reply(HttpServerRequest request, int status, JsonObject body) {
        if (request.response().ended()) return;
        request.response().setStatusCode(status).putHeader("content-type", "application/json")
                .putHeader("cache-control", "no-store").end(body.encode());
    }

    private static JsonObject error(String message) {
        return new JsonObject().put("error", message);
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        return String.valueOf(e.getMessage());
    }

    MinerLatency latency() {
        return readers().latency;
    }

    @Override
    public void close() {
        prober.shutdownNow();
        pool.shutdownNow();
        synchronized (this) {
            if (readers != null) readers.close();
            readers = null;
        }
    }
}
