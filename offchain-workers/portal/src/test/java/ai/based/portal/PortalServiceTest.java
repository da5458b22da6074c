package ai.based.portal;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.ChainIds;
import ai.based.chain.anvil.AnvilConfig;
import ai.based.chain.anvil.AnvilNode;
import ai.based.client.manifest.ChainDeployment;
import ai.based.client.manifest.Manifest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The portal's HTTP side against a real Anvil node: the manifest, the RPC proxy under hostile input, the static files. */
@Tag("devnet")
class PortalServiceTest {
    static final String PORTAL_ADDRESS = "0x00000000000000000000000000000000000000aa";
    static AnvilNode ethereum;
    static PortalService portal;
    static final AtomicReference<Manifest> manifest = new AtomicReference<>();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("portal-test-");
        ethereum = AnvilNode.start(AnvilConfig.ephemeral(ChainIds.ETHEREUM_DEVNET, dir.resolve("eth.log")));
        manifest.set(new Manifest(
                new ChainDeployment(ChainIds.ETHEREUM_DEVNET, ethereum.rpcUrl(), Map.of("BrainPortal", PORTAL_ADDRESS, "NotACompiledContract", "0x01"), 3),
                new ChainDeployment(ChainIds.BASEDAI_DEVNET, "http://127.0.0.1:" + freePort(), Map.of(), 0)));
        portal = PortalService.start("127.0.0.1", 0, "test", manifest::get);
    }

    @AfterAll
    static void stop() {
        if (portal != null) portal.close();
        if (ethereum != null) ethereum.close();
    }

    @Test
    void theManifestNamesBothChainsTheProxyAndTheAbisFromTheContractsJar() throws Exception {
        HttpResponse<String> response = get("/v1/manifest");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject body = new JsonObject(response.body());
        JsonObject eth = body.getJsonArray("chains").getJsonObject(0);
        assertThat(eth.getString("key")).isEqualTo("ethereum");
        assertThat(eth.getLong("chainId")).isEqualTo(ChainIds.ETHEREUM_DEVNET);
        assertThat(eth.getString("rpc")).isEqualTo("/rpc/1337");
        assertThat(eth.getString("nodeRpc")).isEqualTo(ethereum.rpcUrl());
        assertThat(eth.getLong("deployedAtBlock")).isEqualTo(3);
        assertThat(eth.getJsonObject("contracts").getString("BrainPortal")).isEqualTo(PORTAL_ADDRESS);
        assertThat(body.getJsonArray("chains").getJsonObject(1).getLong("chainId")).isEqualTo(ChainIds.BASEDAI_DEVNET);
        // the compiled ABI, not a copy: it has the portal's functions and custom errors
        JsonArray abi = body.getJsonObject("abis").getJsonArray("BrainPortal");
        assertThat(abi.stream().map(e -> ((JsonObject) e).getString("name"))).contains("acquireByBurn", "PortalInsufficientPepe");
        assertThat(body.getJsonObject("abis").containsKey("NotACompiledContract")).isFalse();
    }

    @Test
    void forwardsAllowedCallsToTheChainsNode() throws Exception {
        JsonObject answer = new JsonObject(rpc(1337, call(1, "eth_chainId")).body());
        assertThat(answer.getString("result")).isEqualTo("0x539");
        assertThat(answer.getInteger("id")).isEqualTo(1);
    }

    @Test
    void refusesUnsafeMethodsWithoutTouchingTheNode() throws Exception {
        String before = new JsonObject(rpc(1337, call(1, "eth_blockNumber")).body()).getString("result");
        for (String method : new String[] {"anvil_mine", "evm_mine", "eth_sendTransaction", "anvil_setBalance", "debug_traceCall", "personal_unlockAccount"}) {
            JsonObject answer = new JsonObject(rpc(1337, call(9, method)).body());
            assertThat(answer.getJsonObject("error").getInteger("code")).as(method).isEqualTo(-32601);
            assertThat(answer.getJsonObject("error").getString("message")).contains("does not forward " + method);
            assertThat(answer.getInteger("id")).isEqualTo(9);
        }
        assertThat(new JsonObject(rpc(1337, call(1, "eth_blockNumber")).body()).getString("result")).as("no block was mined").isEqualTo(before);
    }

    @Test
    void answersEachCallOfAMixedBatch() throws Exception {
        String batch = new JsonArray().add(new JsonObject(call(1, "eth_chainId"))).add(new JsonObject(call(2, "anvil_mine")))
                .add(42).encode();
        JsonArray answers = new JsonArray(rpc(1337, batch).body());
        assertThat(answers).hasSize(3);
        Map<Object, JsonObject> byId = new java.util.HashMap<>();
        answers.forEach(a -> byId.put(((JsonObject) a).getValue("id"), (JsonObject) a));
        assertThat(byId.get(1).getString("result")).isEqualTo("0x539");
        assertThat(byId.get(2).getJsonObject("error").getInteger("code")).isEqualTo(-32601);
        assertThat(byId.get(null).getJsonObject("error").getInteger("code")).isEqualTo(-32600);
    }

    @Test
    void refusesHostileBodies() throws Exception {
        assertThat(new JsonObject(rpc(1337, "{not json").body()).getJsonObject("error").getInteger("code")).isEqualTo(-32700);
        assertThat(new JsonObject(rpc(1337, "[]").body()).getJsonObject("error").getInteger("code")).isEqualTo(-32600);
        for (String notARequest : new String[] {"null", "42", "\"eth_chainId\"", "[null]"}) {
            HttpResponse<String> answer = rpc(1337, notARequest);
            assertThat(answer.statusCode()).as(notARequest).isEqualTo(200);
            assertThat(answer.body()).as(notARequest).contains("\"code\":-32600");
        }
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i < RpcProxy.MAX_BATCH + 1; i++) tooMany.add(new JsonObject(call(i, "eth_chainId")));
        assertThat(new JsonObject(rpc(1337, tooMany.encode()).body()).getJsonObject("error").getString("message")).contains("1 to 32 calls");
        HttpResponse<String> big = rpc(1337, "[" + "1,".repeat(RpcProxy.MAX_BODY_BYTES / 2) + "1]");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(rpc(1, call(1, "eth_chainId")).statusCode()).as("a chain the deployment lacks").isEqualTo(404);
        assertThat(rpc(1337, call(1, "eth_chainId"), "GET").statusCode()).isEqualTo(405);
        assertThat(post("/rpc/not-a-chain", call(1, "eth_chainId")).statusCode()).isEqualTo(404);
        String wideScan = call(3, "eth_getLogs", "{\"fromBlock\":\"0x0\",\"toBlock\":\"0xffffff\"}");
        assertThat(new JsonObject(rpc(1337, wideScan).body()).getJsonObject("error").getString("message")).contains("at most 10000 blocks");
        String scanToHead = call(4, "eth_getLogs", "{\"fromBlock\":\"earliest\"}");
        assertThat(new JsonObject(rpc(1337, scanToHead).body()).getJsonArray("result")).isEmpty();
        assertThat(new JsonObject(get("/metrics").body()).getLong("rpcRefused")).isPositive();
    }

    @Test
    void aDownNodeGetsAClearErrorAndThePortalKeepsServing() throws Exception {
        JsonObject answer = new JsonObject(rpc(ChainIds.BASEDAI_DEVNET, call(5, "eth_blockNumber")).body());
        assertThat(answer.getInteger("id")).isEqualTo(5);
        assertThat(answer.getJsonObject("error").getInteger("code")).isEqualTo(-32000);
        assertThat(answer.getJsonObject("error").getString("message")).contains("chain 32323 node is not answering");
        assertThat(get("/health").statusCode()).isEqualTo(200);
        assertThat(new JsonObject(rpc(1337, call(1, "eth_chainId")).body()).getString("result")).isEqualTo("0x539");
    }

    @Test
    void aNodeAnsweringWithoutBoundIsCutOff() throws Exception {
        // a hostile node: 17 MiB of JSON for any call
        com.sun.net.httpserver.HttpServer node = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] huge = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"" + "a".repeat(17 << 20) + "\"}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        node.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, huge.length);
            try (var out = exchange.getResponseBody()) {
                out.write(huge);
            }
        });
        node.start();
        Manifest hostile = new Manifest(manifest.get().ethereum(),
                new ChainDeployment(ChainIds.BASEDAI_DEVNET, "http://127.0.0.1:" + node.getAddress().getPort(), Map.of(), 0));
        try (PortalService other = PortalService.start("127.0.0.1", 0, "test", () -> hostile)) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(other.url() + "rpc/" + ChainIds.BASEDAI_DEVNET))
                    .POST(HttpRequest.BodyPublishers.ofString(call(1, "eth_chainId"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).contains("-32000", "over 16 MiB").hasSizeLessThan(1000);
        } finally {
            node.stop(0);
        }
    }

    @Test
    void servesTheFrontEndWithAppRoutesAndCacheHeaders() throws Exception {
        HttpResponse<String> index = get("/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(index.body()).contains("<div id=\"app\"></div>");
        assertThat(get("/my-brains").body()).isEqualTo(index.body());

        String script = index.body().replaceAll("(?s).*src=\"(/assets/[^\"]+\\.js)\".*", "$1");
        HttpResponse<String> asset = get(script);
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(asset.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");

        assertThat(get("/assets/missing.js").statusCode()).isEqualTo(404);
        for (String hostile : new String[] {"/..%2f..%2fpom.xml", "/assets/..%2F..%2Findex.html", "/a/../../etc/passwd.txt", "/%00.js", "/a\\b.js"}) {
            assertThat(rawStatus(hostile)).as(hostile).isIn(400, 404);
        }
    }

    @Test
    void withoutADeploymentThePageIsToldWhatToRun() throws Exception {
        Manifest real = manifest.get();
        PortalService empty = PortalService.start("127.0.0.1", 0, "none", () -> {
            throw new IllegalStateException("no deployment for network 'none': run 'based deploy'");
        });
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(empty.url() + "v1/manifest")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("run 'based deploy'");
        } finally {
            empty.close();
        }
        assertThat(manifest.get()).isSameAs(real);
    }

    private static String call(int id, String method, String... params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":[" + String.join(",", params) + "]}";
    }

    private static HttpResponse<String> rpc(long chainId, String body) throws Exception {
        return post("/rpc/" + chainId, body);
    }

    private static HttpResponse<String> rpc(long chainId, String body, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(portal.url() + "rpc/" + chainId)).method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(portal.url() + path.substring(1))).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(portal.url() + path.substring(1))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request line exactly as written (java.net.http would normalise or refuse some of these paths). */
    private static int rawStatus(String path) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", portal.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String head = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            return Integer.parseInt(head.substring(9, 12));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
