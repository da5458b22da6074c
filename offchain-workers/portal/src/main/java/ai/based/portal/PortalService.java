package ai.based.portal;

import ai.based.client.manifest.Manifest;
import ai.based.portal.network.NetworkRoutes;
import ai.based.service.HttpEndpoint;
import ai.based.service.HttpRoutes;
import ai.based.service.PeriodicService;
import ai.based.service.Service;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The BasedAI Portal: the front end, GET /v1/manifest, POST /rpc/{chainId}, /health and /metrics on one HTTP port.
 * It holds no key and signs nothing: the page's wallet signs, the proxy forwards signed transactions.
 */
public final class PortalService implements AutoCloseable {
    /** How often the dashboard's miner latency history gets a sample per serving miner. */
    static final Duration MINER_PROBE_INTERVAL = Duration.ofSeconds(30);
    private final HttpEndpoint endpoint;
    private final RpcProxy rpc;
    private final NetworkRoutes network;
    private final String host;

    private PortalService(HttpEndpoint endpoint, RpcProxy rpc, NetworkRoutes network, String host) {
        this.endpoint = endpoint;
        this.rpc = rpc;
        this.network = network;
        this.host = host;
    }

    /**
     * Serves the portal for the deployment {@code network}; {@code manifests} is asked on each request (a redeployment
     * shows without a restart) and may throw when there is no deployment yet.
     */
    public static PortalService start(String host, int port, String network, Supplier<Manifest> manifests) throws Exception {
        RpcProxy rpc = new RpcProxy(manifests);
        NetworkRoutes networkRoutes = new NetworkRoutes(manifests);
        HttpRoutes routes = new PortalRoutes(routes(network, manifests, rpc, networkRoutes));
        HttpEndpoint endpoint = HttpEndpoint.start(host, port,
                () -> new PeriodicService.Health("portal", Service.State.RUNNING, 0, 0, null), rpc::metrics, routes);
        networkRoutes.probeMinersEvery(MINER_PROBE_INTERVAL);
        return new PortalService(endpoint, rpc, networkRoutes, host);
    }

    /** Every server route of the portal, in order; the static files last. One line per route. */
    private static List<HttpRoutes> routes(String network, Supplier<Manifest> manifests, RpcProxy rpc, NetworkRoutes networkRoutes) {
        ManifestRoute manifest = new ManifestRoute(network, manifests, new AbiCatalog());
        StaticFiles files = new StaticFiles();
        return List.of(
                (request, body) -> manifest.handle(request),
                rpc::handle,
                networkRoutes,
                (request, body) -> files.handle(request));
    }

    public int port() {
        return endpoint.port();
    }

    /** The page's address, e.g. http://127.0.0.1:8080/ */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    public JsonObject metrics() {
        return rpc.metrics();
    }

    @Override
    public void close() {
        endpoint.close();
        network.close();
    }
}
