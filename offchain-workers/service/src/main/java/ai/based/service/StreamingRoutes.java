package ai.based.service;

import io.vertx.core.http.HttpServerRequest;

/**
 * Routes that take a request before its body is read: uploads streamed past the endpoint's 1 MiB body limit (with a
 * limit of their own), and WebSocket upgrades. A route returns true when it took the request, false to leave it to
 * the buffered {@link HttpRoutes}. It runs on the event loop: it must not block.
 */
@FunctionalInterface
public interface StreamingRoutes {
    StreamingRoutes NONE = request -> false;

    boolean take(HttpServerRequest request) throws Exception;
}
