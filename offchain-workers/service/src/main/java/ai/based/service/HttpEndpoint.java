package ai.based.service;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The HTTP side of a service: GET /health (200 while running without failures, else 503, with the reason), GET
 * /metrics (JSON) and the service's own routes. Bodies are read up to {@link #MAX_BODY_BYTES}; a larger one gets 413
 * and the connection is closed, so a hostile client cannot make the service buffer without bound. Open connections
 * are capped in all and per address ({@link ConnectionLimit}); /metrics says how many were refused.
 */
public final class HttpEndpoint implements AutoCloseable {
    public static final int MAX_BODY_BYTES = 1 << 20;
    private static final int MAX_HEADER_BYTES = 16 << 10;

    private final Vertx vertx;
    private final HttpServer server;

    private HttpEndpoint(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    public static HttpEndpoint start(String host, int port, Supplier<PeriodicService.Health> health,
            Supplier<JsonObject> metrics, HttpRoutes routes) throws Exception {
        return start(host, port, health, metrics, routes, EndpointSettings.PLAIN);
    }

    public static HttpEndpoint start(String host, int port, Supplier<PeriodicService.Health> health,
            Supplier<JsonObject> metrics, HttpRoutes routes, EndpointSettings settings) throws Exception {
        // daemon event loops: an endpoint nobody closed must not keep a JVM alive
        Vertx vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true));
        try {
            // no HTTP/2 upgrade in clear text: the JDK's HttpClient asks for one by default, and on the upgraded
            // connection it now and then read a large reply's body as HTTP/2 framing ("Frame type(34)
            // length(6627884) exceeds MAX_FRAME_SIZE": the bytes e"," of JSON). Browsers never ask for it; every
            // peer here speaks HTTP/1.1.
            HttpServerOptions options = settings.apply(new HttpServerOptions().setMaxHeaderSize(MAX_HEADER_BYTES)
                    .setMaxInitialLineLength(4096).setIdleTimeout(60).setHttp2ClearTextEnabled(false));
            ConnectionLimit limit = new ConnectionLimit(ConnectionLimit.MAX_CONNECTIONS, ConnectionLimit.MAX_PER_ADDRESS);
            Supplier<JsonObject> withConnections = () -> metrics.get().copy()
                    .put("connections", new JsonObject().put("open", limit.open()).put("refused", limit.refused()));
            HttpServer server = vertx.createHttpServer(options)
                    .connectionHandler(limit::admit)
                    .requestHandler(request -> dispatch(request, health, withConnections, routes, settings.streaming()));
            server.listen(port, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new HttpEndpoint(vertx, server);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("cannot serve HTTP on " + host + ":" + port + ": " + rootMessage(e), e);
        }
    }

    public int port() {
        return server.actualPort();
    }

    private static void dispatch(HttpServerRequest request, Supplier<PeriodicService.Health> health,
            Supplier<JsonObject> metrics, HttpRoutes routes, StreamingRoutes streaming) {
        String path = request.path();
        try {
            if (streaming.take(request)) return;
        } catch (Exception e) {
            if (!request.response().ended()) request.response().setStatusCode(500).end("internal error");
            return;
        }
        if (request.method() == HttpMethod.GET && "/health".equals(path)) {
            PeriodicService.Health h = health.get();
            json(request, h.healthy() ? 200 : 503, h.json());
        } else if (request.method() == HttpMethod.GET && "/metrics".equals(path)) {
            json(request, 200, metrics.get());
        } else {
            readBody(request, body -> {
                try {
                    if (!routes.handle(request, body)) request.response().setStatusCode(404).end("no such endpoint");
                } catch (Exception e) {
                    if (!request.response().ended()) request.response().setStatusCode(500).end("internal error");
                }
            });
        }
    }

    private static void readBody(HttpServerRequest request, java.util.function.Consumer<Buffer> then) {
        String declared = request.getHeader("content-length");
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = Long.MAX_VALUE;
            }
            if (length > MAX_BODY_BYTES) {
                tooLarge(request);
                return;
            }
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (request.response().ended()) return;
            if (body.length() + chunk.length() > MAX_BODY_BYTES) tooLarge(request);
            else body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!request.response().ended()) then.accept(body);
        });
    }

    private static void tooLarge(HttpServerRequest request) {
        request.response().setStatusCode(413).putHeader("connection", "close")
                .end("request body over " + MAX_BODY_BYTES + " bytes");
        request.connection().close();
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
    }

    private static String rootMessage(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        return e.getMessage();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the event loop threads are daemons: a slow close leaks nothing that outlives the JVM
        }
    }
}
