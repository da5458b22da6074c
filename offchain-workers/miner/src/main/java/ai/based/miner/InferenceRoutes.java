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
import ai.based.fhe.zkllm.encrypted.BootstrappedPass;
import ai.based.miner.remote.BootstrappingKeyFormat;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * The miner's routes: {@code GET /v1/info}, {@code HEAD /v1/keys/{id}} (200 when held, 404 when not), {@code PUT
 * /v1/keys/{id}} (a streamed upload: Content-Length required, refused with 413 before reading when it cannot fit, one
 * upload at a time), {@code PUT /v1/keys/{id}/bootstrapping} (a non-interactive key set, where the miner serves one:
 * the same checks, spooled to disk) and the {@code /v1/session} WebSocket, which runs the language model's passes or scores records,
 * as the {@link ServedModel} is (at most K at once; the next one gets 503 with Retry-After).
 */
final class InferenceRoutes implements HttpRoutes, StreamingRoutes {
    static final Pattern KEY_SET_ID = Pattern.compile("[0-9a-f]{16,64}");
    /** Seeded keys of the largest supported set: 256 keys of N = 2^16 with 30 primes would exceed it; ours are ~400 MB. */
    static final long MAX_UPLOAD_BYTES = 1_500_000_000L;
    /**
     * A non-interactive key set (the model's keys and bootstrapping's, seeded): about 3.6 GB at N = 2^16 with the model's
     * 8,192 slots; spooled to disk, never held in one array.
     */
    static final long MAX_BOOTSTRAPPING_UPLOAD_BYTES = 8_000_000_000L;
    static final String BOOTSTRAPPING_SUFFIX = "/bootstrapping";
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
        if (request.method() == HttpMethod.PUT && path.startsWith("/v1/keys/") && path.endsWith(BOOTSTRAPPING_SUFFIX)) {
            uploadBootstrapping(request, path.substring("/v1/keys/".length(), path.length() - BOOTSTRAPPING_SUFFIX.length()));
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

    /**
     * The checks every key upload passes before a byte is read: the id, a Content-Length within {@code max}, room in
     * the key store for at least twice the seeded bytes, and the one upload slot (taken here). The length, or -1 when
     * the request was refused.
     */
    private long admit(HttpServerRequest request, String keySetId, long max) {
        if (!KEY_SET_ID.matcher(keySetId).matches()) {
            refuse(request, 400, "a key-set id is 16 to 64 lowercase hex digits");
            return -1;
        }
        long length;
        try {
            String declared = request.getHeader("content-length");
            if (declared == null) {
                refuse(request, 411, "a key upload needs a Content-Length");
                return -1;
            }
            length = Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            refuse(request, 400, "the Content-Length is not a number");
            return -1;
        }
        if (length <= 0 || length > max) {
            refuse(request, 413, String.format("a key upload of %,d bytes is outside 1 .. %,d", length, max));
            return -1;
        }
        try {
            context.keys().checkFits(2 * length); // loaded keys take at least twice their seeded upload
        } catch (KeyStoreFullException e) {
            refuse(request, 413, e.getMessage());
            return -1;
        }
        if (!uploads.tryAcquire()) {
            request.response().setStatusCode(503).putHeader("retry-after", RETRY_AFTER_SECONDS).putHeader("connection", "close")
                    .end("another key upload is in progress: retry after " + RETRY_AFTER_SECONDS + " s");
            return -1;
        }
        return length;
    }

    private void upload(HttpServerRequest request, String keySetId) {
        long length = admit(request, keySetId, MAX_UPLOAD_BYTES);
        if (length >= 0) spool(request, length, file -> store(request, keySetId, file, length));
    }

    /** A non-interactive key set: the same checks, and then the bootstrapping model reads it. */
    private void uploadBootstrapping(HttpServerRequest request, String keySetId) {
        Optional<BootstrappedModel> bootstrapped = model instanceof ServedModel.Language language ? language.bootstrapped() : Optional.empty();
        if (bootstrapped.isEmpty()) {
            refuse(request, 404, "this miner serves " + model.id() + " with the client's round trips only: upload keys with PUT /v1/keys/"
                    + (KEY_SET_ID.matcher(keySetId).matches() ? keySetId : "{id}"));
            return;
        }
        long length = admit(request, keySetId, MAX_BOOTSTRAPPING_UPLOAD_BYTES);
        if (length >= 0) spool(request, length, file -> storeBootstrapping(request, keySetId, bootstrapped.get(), file, length));
    }

    /**
     * Receives an admitted upload into a temporary file (never into one array on the event loop: a 400 MB body there
     * once ran a miner out of heap with the upload slot taken, refusing every later upload), then stores it on the
     * upload thread. Whatever happens, the file is deleted and the slot freed exactly once.
     */
    private void spool(HttpServerRequest request, long length, Consumer<Path> store) {
        try {
            SpooledUpload.receive(Vertx.currentContext().owner(), request, length, context.limits().replyTimeout(), new SpooledUpload.Outcome() {
                @Override
                public void received(Path file) {
                    try {
                        uploadThread.execute(() -> {
                            try {
                                store.accept(file);
                            } finally {
                                SpooledUpload.delete(file);
                                uploads.release();
                            }
                        });
                    } catch (RuntimeException stopping) {
                        SpooledUpload.delete(file);
                        uploads.release();
                        refuse(request, 503, "the miner is stopping");
                    }
                }

                @Override
                public void refused(int status, String reason) {
                    uploads.release();
                    refuse(request, status, reason);
                }
            });
        } catch (RuntimeException e) {
            uploads.release();
            context.log().accept("key upload failed: " + e);
            refuse(request, 500, "the miner could not receive the key set: " + e.getClass().getSimpleName());
        }
    }

    private void store(HttpServerRequest request, String keySetId, Path file, long length) {
        storing(request, "key set", () -> {
            context.keys().makeRoom(format.inMemoryBytes(format.declaredKeys(head(file)))); // the keys take their room before they are read
            EvaluationKeys keys;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
                keys = format.read(in);
            }
            long bytes = format.inMemoryBytes(keys);
            context.keys().checkFits(bytes);
            Object session = model.open(keySetId, keys);
            context.keys().put(keySetId, session, bytes);
            context.metrics().uploaded(length);
            return new JsonObject().put("keySet", keySetId).put("keys", keys.galois().size() + 1).put("bytes", length);
        });
    }

    private void storeBootstrapping(HttpServerRequest request, String keySetId, BootstrappedModel bootstrapped, Path file, long length) {
        storing(request, "bootstrapping key set", () -> {
            context.keys().makeRoom(2 * length); // lean keys take twice their seeded bytes: room first, as for other uploads
            BootstrappingKeyFormat.KeySet keys;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
                keys = new BootstrappingKeyFormat(bootstrapped.parameters()).read(in);
            }
            context.keys().checkFits(keys.bytes());
            BootstrappedPass pass = bootstrapped.open(keySetId, keys);
            context.keys().put(keySetId, pass, keys.bytes());
            context.metrics().uploaded(length);
            return new JsonObject().put("keySet", keySetId).put("keys", keys.model().galois().size() + keys.bootstrapping().evaluation().galois().size() + 4)
                    .put("bytes", length).put("inMemoryBytes", keys.bytes());
        });
    }

    /** What reads, checks and stores an upload; its answer for the client. */
    @FunctionalInterface
    private interface Storing {
        JsonObject store() throws Exception;
    }

    /** Runs {@code storing} and answers 201 with its result, or the status that names what was wrong. */
    private void storing(HttpServerRequest request, String what, Storing storing) {
        try {
            JsonObject stored = storing.store();
            request.response().setStatusCode(201).putHeader("content-type", "application/json").end(stored.encode());
        } catch (MalformedInputException e) {
            refuse(request, 400, "malformed " + what + ": " + e.getMessage());
        } catch (KeyStoreFullException e) {
            refuse(request, 413, e.getMessage());
        } catch (IllegalArgumentException e) {
            refuse(request, 422, e.getMessage());
        } catch (OutOfMemoryError e) {
            // the failed allocation was the key material being read, now garbage: the miner goes on with what it holds
            context.log().accept("key upload ran out of heap: " + e.getMessage());
            refuse(request, 503, "the miner has no memory for the " + what + " now: retry later, or ask a miner with a larger key store");
        } catch (Exception e) {
            context.log().accept("key upload failed: " + e);
            refuse(request, 500, "the miner could not store the " + what + ": " + e.getClass().getSimpleName());
        }
    }

    /** The first bytes of a spooled upload: the header that says how many keys follow. */
    private static byte[] head(Path file) throws java.io.IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        }
    }

    private void refuse(HttpServerRequest request, int status, String reason) {
        context.metrics().failed(status);
        if (request.response().ended()) return;
        request.response().setStatusCode(status).putHeader("connection", "close").end(reason);
    }
}
