package ai.based.service;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A service's own HTTP routes beside /health and /metrics. The endpoint has already read the request's body within
 * its size limit. A route answers the request and returns true, or returns false for "not mine" (404). An exception
 * from a route becomes a 500 for that request only: the server keeps serving everyone else.
 */
@FunctionalInterface
public interface HttpRoutes {
    HttpRoutes NONE = (request, body) -> false;

    boolean handle(HttpServerRequest request, Buffer body) throws Exception;
}
