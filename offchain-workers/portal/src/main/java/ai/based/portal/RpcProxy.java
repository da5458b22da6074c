package ai.based.portal;

import ai.based.client.manifest.Manifest;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST /rpc/{chainId}: the page's reads (and its wallet-signed transactions) go to the deployment's node for that
 * chain through here, so the page needs no node URL of its own and cannot reach the node's unsafe methods. Calls
 * outside {@link RpcAllowList} are answered with a JSON-RPC error; the rest are forwarded as they came (a batch as
 * a batch). A node that does not answer within {@link #UPSTREAM_TIMEOUT} gets each call a clear error; the portal
 * keeps serving.
 */
final class RpcProxy {
    static final String PREFIX = "/rpc/";
    static final int MAX_BODY_BYTES = 128 << 10;
    static final int MAX_BATCH = 32;
    static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(15);
    /** the largest answer taken from a node (a log scan within the block cap can still be large) */
    static final int MAX_ANSWER_BYTES = 16 << 20;
    private static final Pattern PATH = Pattern.compile("/rpc/([0-9]{1,12})");

    private final Supplier<Manifest> manifests;
    // HTTP/1.1 as the nodes speak JSON-RPC: the JDK's default would ask every new connection to upgrade to HTTP/2
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong nodeFailures = new AtomicLong();

    RpcProxy(Supplier<Manifest> manifests) {
        this.manifests = manifests;
    }

    boolean handle(HttpServerRequest request, Buffer body) {
        if (!request.path().startsWith(PREFIX)) return false;
        Matcher matcher = PATH.matcher(request.path());
        if (!matcher.matches()) {
            reply(request, 404, new RpcError(RpcError.INVALID_REQUEST, "no such chain: use /rpc/<chain id>").answer(null));
            return true;
        }
        if (request.method() != HttpMethod.POST) {
            request.response().setStatusCode(405).putHeader("allow", "POST").end("POST a JSON-RPC request");
            return true;
        }
        long chainId = Long.parseLong(matcher.group(1));
        String node;
        try {
            node = ChainNames.nodeUrl(manifests.get(), chainId);
        } catch (RuntimeException e) {
            reply(request, 503, new RpcError(RpcError.NODE_UNAVAILABLE, e.getMessage()).answer(null));
            return true;
        }
        if (node == null) {
            reply(request, 404, new RpcError(RpcError.INVALID_REQUEST, "the deployment has no chain " + chainId).answer(null));
            return true;
        }
        if (body.length() > MAX_BODY_BYTES) {
            reply(request, 413, new RpcError(RpcError.TOO_LARGE, "request over " + MAX_BODY_BYTES + " bytes").answer(null));
            return true;
        }
        Object parsed;
        try {
            parsed = Json.decodeValue(body);
        } catch (DecodeException e) {
            refused.incrementAndGet();
            reply(request, 200, new RpcError(RpcError.PARSE_ERROR, "the body is not JSON").answer(null));
            return true;
        }
        if (parsed instanceof JsonArray batch) {
            if (batch.isEmpty() || batch.size() > MAX_BATCH) {
                refused.incrementAndGet();
                reply(request, 200, new RpcError(RpcError.INVALID_REQUEST, "a batch holds 1 to " + MAX_BATCH + " calls, got "
                        + batch.size()).answer(null));
                return true;
            }
            List<Object> calls = batch.getList().stream().map(RpcProxy::wrap).toList();
            answer(node, chainId, calls, true).whenComplete((answers, failure) ->
                    reply(request, 200, failure == null ? new JsonArray(answers) : internal(failure)));
        } else if (!(parsed instanceof JsonObject)) {
            refused.incrementAndGet();
            reply(request, 200, new RpcError(RpcError.INVALID_REQUEST, "a JSON-RPC request is an object or a batch (array) of them")
                    .answer(null));
        } else {
            answer(node, chainId, List.of(parsed), false).whenComplete((answers, failure) ->
                    reply(request, 200, failure == null ? answers.getFirst() : internal(failure)));
        }
        return true;
    }

    /** Answers each call: refused ones here, the others by the node (one upstream request for all of them). */
    private CompletableFuture<List<Object>> answer(String node, long chainId, List<Object> calls, boolean batch) {
        List<Object> local = new ArrayList<>();
        List<JsonObject> allowed = new ArrayList<>();
        for (Object call : calls) {
            Optional<RpcError> refusal = RpcAllowList.refusal(call);
            if (refusal.isPresent()) {
                refused.incrementAndGet();
                local.add(refusal.get().answer(call instanceof JsonObject o ? idOf(o) : null));
            } else {
                allowed.add((JsonObject) call);
            }
        }
        if (allowed.isEmpty()) return CompletableFuture.completedFuture(local);
        boolean needsHead = allowed.stream().anyMatch(RpcAllowList::needsHead);
        CompletableFuture<Long> head = needsHead ? head(node, chainId) : CompletableFuture.completedFuture(-1L);
        List<JsonObject> forward = new ArrayList<>();
        return head.thenCompose(latest -> {
            for (JsonObject call : allowed) {
                Optional<RpcError> refusal = RpcAllowList.logRangeRefusal(call, latest);
                if (refusal.isPresent()) {
                    refused.incrementAndGet();
                    local.add(refusal.get().answer(idOf(call)));
                } else {
                    forward.add(call);
                }
            }
            if (forward.isEmpty()) return CompletableFuture.completedFuture(local);
            String upstreamBody = batch || forward.size() > 1 ? new JsonArray(new ArrayList<>(forward)).encode() : forward.getFirst().encode();
            return post(node, chainId, upstreamBody).thenApply(response -> {
                List<Object> all = new ArrayList<>(local);
                if (response instanceof JsonArray answers) all.addAll(answers.getList().stream().map(RpcProxy::wrap).toList());
                else all.add(response);
                return all;
            });
        }).exceptionally(failure -> {
            // the node is down or slow: every call meant for it gets the reason, the refused ones keep theirs
            // (forward is empty when even the head could not be read: then every allowed call was meant for it)
            nodeFailures.incrementAndGet();
            List<Object> all = new ArrayList<>(local);
            RpcError down = new RpcError(RpcError.NODE_UNAVAILABLE, "the chain " + chainId + " node is not answering ("
                    + rootMessage(failure) + "); is the devnet up? ('based devnet status')");
            for (JsonObject call : forward.isEmpty() ? allowed : forward) all.add(down.answer(idOf(call)));
            return all;
        });
    }

    private CompletableFuture<Long> head(String node, long chainId) {
        String call = new JsonObject().put("jsonrpc", "2.0").put("id", 1).put("method", "eth_blockNumber").encode();
        return post(node, chainId, call).thenApply(response -> {
            if (response instanceof JsonObject o && o.getValue("result") instanceof String hex && hex.startsWith("0x")) {
                return Long.parseLong(hex.substring(2), 16);
            }
            throw new IllegalStateException("eth_blockNumber gave no block number");
        });
    }

    private CompletableFuture<Object> post(String node, long chainId, String body) {
        HttpRequest upstream = HttpRequest.newBuilder(URI.create(node)).timeout(UPSTREAM_TIMEOUT)
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        forwarded.incrementAndGet();
        return http.sendAsync(upstream, HttpResponse.BodyHandlers.ofInputStream()).thenApply(response -> {
            try (java.io.InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + " from the chain " + chainId + " node");
                }
                byte[] answer = in.readNBytes(MAX_ANSWER_BYTES + 1);
                if (answer.length > MAX_ANSWER_BYTES) {
                    throw new IllegalStateException("its answer is over " + (MAX_ANSWER_BYTES >> 20) + " MiB; ask for less");
                }
                return wrap(Json.decodeValue(Buffer.buffer(answer)));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Vert.x decodes nested JSON as maps and lists; the proxy works on its JSON types. */
    @SuppressWarnings("unchecked")
    private static Object wrap(Object value) {
        if (value instanceof java.util.Map<?, ?> map) return new JsonObject((java.util.Map<String, Object>) map);
        if (value instanceof List<?> list) return new JsonArray((List<Object>) list);
        return value;
    }

    private static Object idOf(JsonObject call) {
        Object id = call.getValue("id");
        return id instanceof String || id instanceof Number ? id : null;
    }

    private static JsonObject internal(Throwable failure) {
        return new RpcError(RpcError.NODE_UNAVAILABLE, "the portal could not relay the call: " + rootMessage(failure)).answer(null);
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void reply(HttpServerRequest request, int status, Object json) {
        String encoded = json instanceof JsonObject o ? o.encode() : ((JsonArray) json).encode();
        request.response().setStatusCode(status).putHeader("content-type", "application/json").end(encoded);
    }

    JsonObject metrics() {
        return new JsonObject().put("rpcForwarded", forwarded.get()).put("rpcRefused", refused.get())
                .put("rpcNodeFailures", nodeFailures.get());
    }
}
