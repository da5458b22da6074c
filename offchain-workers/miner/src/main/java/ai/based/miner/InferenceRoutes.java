package ai.based.miner;

import ai.based.protocol.wire.WireCodec;
import ai.based.service.HttpRoutes;
import ai.based.service.StreamingRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * The miner's routes: {@code GET /v1/info}, {@code HEAD /v1/keys/{id}} (200 when held, 404 when not), {@code PUT
 * /v1/keys/{id}} and {@code PUT /v1/keys/{id}/bootstrapping} (key-set uploads, see {@link KeyUploads}) and the
 * {@code /v1/session} WebSocket, which runs the language model's passes or scores records, as the {@link ServedModel}
 * is (at most K at once; the next one gets 503 with Retry-After).
 */
final class InferenceRoutes implements HttpRoutes, StreamingRoutes {
    private static final String KEYS = "/v1/keys/";
    private static final String BOOTSTRAPPING_SUFFIX = "/bootstrapping";
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ServedModel model;
    private final InferenceContext context;
    private final KeyUploads uploads;
    private final Semaphore sessions;
    private final JsonObject announcement;

    InferenceRoutes(ServedModel model, InferenceContext context, Executor uploadThread, java.nio.file.Path spool, JsonObject announcement) {
        this.model = model;
        this.context = context;
        this.uploads = new KeyUploads(model, context, uploadThread, spool);
        this.sessions = new Semaphore(context.limits().maxSessions());
        this.announcement = announcement;
    }

    int activeSessions() {
        return context.limits().maxSessions() - sessions.availablePermits();
    }

    @Override
    public boolean handle(HttpServerRequest request, Buffer body) {
        String path = request.path();
        if (request.method() == HttpMethod.GET && "/v1/info".equals(path)) {
            request.response().putHeader("content-type", "application/json").end(info().encode());
            return true;
        }
        if (request.method() == HttpMethod.HEAD && path.startsWith(KEYS)) {
            String id = path.substring(KEYS.length());
            request.response().setStatusCode(KeyUploads.KEY_SET_ID.matcher(id).matches() && context.keys().contains(id) ? 200 : 404).end();
            return true;
        }
        return false;
    }

    @Override
    public boolean take(HttpServerRequest request) {
        String path = request.path();
        if ("/v1/session".equals(path)) {
            openSession(request);
            return true;
        }
        if (request.method() != HttpMethod.PUT || !path.startsWith(KEYS)) return false;
        String id = path.substring(KEYS.length());
        if (id.endsWith(BOOTSTRAPPING_SUFFIX)) {
            uploads.uploadBootstrapping(request, id.substring(0, id.length() - BOOTSTRAPPING_SUFFIX.length()));
        } else {
            uploads.upload(request, id);
        }
        return true;
    }

    JsonObject info() {
        JsonArray rotations = new JsonArray();
        model.rotationSteps().forEach(rotations::add);
        return announcement.copy().mergeIn(model.describe()).put("protocol", WireCodec.VERSION).put("model", model.id().toString())
                .put("parameters", model.parameters().toString()).put("rotations", rotations)
                .put("maxSessions", context.limits().maxSessions()).put("activeSessions", activeSessions());
    }

    private void openSession(HttpServerRequest request) {
        if (!sessions.tryAcquire()) {
            context.metrics().refusedBusy();
            request.response().setStatusCode(503).putHeader("retry-after", RETRY_AFTER_SECONDS)
                    .end("this miner serves " + context.limits().maxSessions() + " sessions at once: retry after " + RETRY_AFTER_SECONDS + " s");
            return;
        }
        Vertx vertx = Vertx.currentContext().owner();
        request.toWebSocket().onComplete(result -> {
            if (result.failed()) {
                sessions.release();
                return;
            }
            context.metrics().sessionOpened();
            new PassSession(result.result(), vertx, context, model, unpaid -> {
                context.metrics().sessionClosed();
                sessions.release();
            }).open();
        });
    }

}
