package ai.based.miner;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.io.MalformedInputException;
import ai.based.miner.remote.EvaluationKeyFormat;
import ai.based.protocol.wire.WireCodec;
import ai.based.service.HttpRoutes;
import ai.based.service.StreamingRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * The miner's routes: {@code GET /v1/info}, {@code HEAD /v1/keys/{id}} (200 when held, 404 when not), {@code PUT
 * /v1/keys/{id}} (a streamed upload: Content-Length required, refused with 413 before reading when it cannot fit, one
 * upload at a time) and the {@code /v1/session} WebSocket, which runs the language model's passes or scores records,
 * as the {@link ServedModel} is (at most K at once; the next one gets 503 with Retry-After).
 */
final class InferenceRoutes implements HttpRoutes, StreamingRoutes {
    static final Pattern KEY_SET_ID = Pattern.compile("[0-9a-f]{16,64}");
    /** Seeded keys of the largest supported set: 256 keys of N = 2^16 with 30 primes would exceed it; ours are ~400 MB. */
    static final long MAX_UPLOAD_BYTES = 1_500_000_000L;
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ServedModel model;
    private final InferenceContext context;
    private final EvaluationKeyFormat format;
    private final Executor uploadThread;
    private final Semaphore sessions;
    private final Semaphore uploads = new Semaphore(1);
    private final JsonObject announcement;

    InferenceRoutes(ServedModel model, InferenceContext context, Executor uploadThread, JsonObject announcement) {
        this.model = model;
        this.context = context;
        this.format = new EvaluationKeyFormat(model.parameters());
        this.uploadThread = uploadThread;
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
        if (request.method() == HttpMethod.HEAD && path.startsWith("/v1/keys/")) {
            String id = path.substring("/v1/keys/".length());
            request.response().setStatusCode(KEY_SET_ID.matcher(id).matches() && context.keys().contains(id) ? 200 : 404).end();
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
        if (request.method() == HttpMethod.PUT && path.startsWith("/v1/keys/")) {
            upload(request, path.substring("/v1/keys/".length()));
            return true;
        }
        return false;
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

    private void upload(HttpServerRequest request, String keySetId) {
        if (!KEY_SET_ID.matcher(keySetId).matches()) {
            refuse(request, 400, "a key-set id is 16 to 64 lowercase hex digits");
            return;
        }
        long length;
        try {
            String declared = request.getHeader("content-length");
            if (declared == null) {
                refuse(request, 411, "a key upload needs a Content-Length");
                return;
            }
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            refuse(request, 400, "the Content-Length is not a number");
            return;
        }
        if (length <= 0 || length > MAX_UPLOAD_BYTES) {
            refuse(request, 413, String.format("a key upload of %,d bytes is outside 1 .. %,d", length, MAX_UPLOAD_BYTES));
            return;
        }
        try {
            context.keys().checkFits(2 * length); // loaded keys take at least twice their seeded upload
        } catch (KeyStoreFullException e) {
            refuse(request, 413, e.getMessage());
            return;
        }
        if (!uploads.tryAcquire()) {
            request.response().setStatusCode(503).putHeader("retry-after", RETRY_AFTER_SECONDS).putHeader("connection", "close")
                    .end("another key upload is in progress: retry after " + RETRY_AFTER_SECONDS + " s");
            return;
        }
        byte[] body = new byte[(int) length];
        int[] received = {0};
        boolean[] done = {false};
        request.handler(chunk -> {
            if (done[0]) return;
            if (received[0] + chunk.length() > body.length) {
                done[0] = true;
                uploads.release();
                refuse(request, 400, "the upload is longer than its Content-Length");
                return;
            }
            chunk.getBytes(0, chunk.length(), body, received[0]);
            received[0] += chunk.length();
        });
        // a stalled or trickling upload must not hold the only upload slot (UploadWatch)
        UploadWatch.watch(Vertx.currentContext().owner(), context.limits().replyTimeout(), () -> received[0], () -> done[0], () -> {
            done[0] = true;
            uploads.release();
            refuse(request, 408, "the upload brought less than " + UploadWatch.MIN_BYTES_PER_SECOND + " bytes/s over the last "
                    + context.limits().replyTimeout().toSeconds() + " s (" + received[0] + " of " + body.length + " bytes received)");
            request.connection().close();
        });
        request.exceptionHandler(e -> {
            if (!done[0]) {
                done[0] = true;
                uploads.release();
            }
        });
        request.endHandler(v -> {
            if (done[0]) return;
            done[0] = true;
            if (received[0] != body.length) {
                uploads.release();
                refuse(request, 400, "the upload ended after " + received[0] + " of " + body.length + " bytes");
                return;
            }
            uploadThread.execute(() -> store(request, keySetId, body));
        });
    }

    private void store(HttpServerRequest request, String keySetId, byte[] body) {
        try {
            context.keys().makeRoom(format.inMemoryBytes(format.declaredKeys(body))); // the keys take their room before they are read
            EvaluationKeys keys = format.read(new ByteArrayInputStream(body));
            long bytes = format.inMemoryBytes(keys);
            context.keys().checkFits(bytes);
            Object session = model.open(keySetId, keys);
            context.keys().put(keySetId, session, bytes);
            context.metrics().uploaded(body.length);
            request.response().setStatusCode(201).putHeader("content-type", "application/json")
                    .end(new JsonObject().put("keySet", keySetId).put("keys", keys.galois().size() + 1).put("bytes", body.length).encode());
        } catch (MalformedInputException e) {
            refuse(request, 400, "malformed key set: " + e.getMessage());
        } catch (KeyStoreFullException e) {
            refuse(request, 413, e.getMessage());
        } catch (IllegalArgumentException e) {
            refuse(request, 422, e.getMessage());
        } catch (Exception e) {
            context.log().accept("key upload failed: " + e);
            refuse(request, 500, "the miner could not store the key set: " + e.getClass().getSimpleName());
        } finally {
            uploads.release();
        }
    }

    private void refuse(HttpServerRequest request, int status, String reason) {
        context.metrics().failed(status);
        if (request.response().ended()) return;
        request.response().setStatusCode(status).putHeader("connection", "close").end(reason);
    }
}
