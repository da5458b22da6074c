package ai.based.portal;

import ai.based.client.manifest.ChainDeployment;
import ai.based.client.manifest.Manifest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.function.Supplier;

/**
 * GET /v1/manifest: what the page needs to talk to the deployment. For each chain: its id, a name, the portal's own
 * RPC proxy (reads) and the node's URL (for a wallet's "add network"), and the contracts' addresses; plus the ABI of
 * each deployed contract the contracts jar carries. Read from the manifest file on each request, so a redeployment
 * shows without restarting the portal.
 */
final class ManifestRoute {
    static final String PATH = "/v1/manifest";

    private final String network;
    private final Supplier<Manifest> manifests;
    private final AbiCatalog abis;

    ManifestRoute(String network, Supplier<Manifest> manifests, AbiCatalog abis) {
        this.network = network;
        this.manifests = manifests;
        this.abis = abis;
    }

    boolean handle(HttpServerRequest request) {
        if (!PATH.equals(request.path())) return false;
        if (request.method() != HttpMethod.GET) {
            request.response().setStatusCode(405).putHeader("allow", "GET").end("GET only");
            return true;
        }
        Manifest manifest;
        try {
            manifest = manifests.get();
        } catch (RuntimeException e) {
            // no deployment yet: the page says so instead of failing on a half-empty manifest
            request.response().setStatusCode(503).putHeader("content-type", "text/plain; charset=utf-8").end(e.getMessage());
            return true;
        }
        JsonObject abiMap = new JsonObject();
        JsonArray chains = new JsonArray()
                .add(chain(ChainNames.ETHEREUM, manifest.ethereum(), abiMap))
                .add(chain(ChainNames.BASEDAI, manifest.basedai(), abiMap));
        JsonObject body = new JsonObject().put("network", network).put("chains", chains).put("abis", abiMap);
        request.response().putHeader("content-type", "application/json").putHeader("cache-control", "no-store").end(body.encode());
        return true;
    }

    private JsonObject chain(String key, ChainDeployment deployment, JsonObject abiMap) {
        JsonObject contracts = new JsonObject();
        for (Map.Entry<String, String> entry : deployment.contracts().entrySet()) {
            contracts.put(entry.getKey(), entry.getValue());
            abis.abi(entry.getKey()).ifPresent(abi -> abiMap.put(entry.getKey(), new JsonArray(abi.toString())));
        }
        return new JsonObject().put("key", key).put("chainId", deployment.chainId())
                .put("name", ChainNames.displayName(key, network)).put("rpc", RpcProxy.PREFIX + deployment.chainId())
                .put("nodeRpc", deployment.rpc()).put("deployedAtBlock", deployment.deployedAtBlock()).put("contracts", contracts);
    }
}
