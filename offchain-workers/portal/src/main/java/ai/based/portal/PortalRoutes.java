package ai.based.portal;

import ai.based.service.HttpRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * The portal's HTTP routes, tried in order; the front end's files come last (they answer every app path).
 * Add a server route: write a class with {@code boolean handle(HttpServerRequest, Buffer)} under /v1/..., and list it
 * in {@link PortalService#routes} (one line).
 */
final class PortalRoutes implements HttpRoutes {
    private final List<HttpRoutes> routes;

    PortalRoutes(List<HttpRoutes> routes) {
        this.routes = List.copyOf(routes);
    }

    @Override
    public boolean handle(HttpServerRequest request, Buffer body) throws Exception {
        for (HttpRoutes route : routes) {
            if (route.handle(request, body)) return true;
        }
        return false;
    }
}
