package ai.based.miner;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.io.MalformedInputException;
import ai.based.fhe.zkllm.encrypted.BootstrappedPass;
import ai.based.miner.remote.BootstrappingKeyFormat;
import ai.based.miner.remote.EvaluationKeyFormat;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * Clients' key-set uploads: {@code PUT /v1/keys/{id}} (the interactive key set) and {@code PUT
 * /v1/keys/{id}/bootstrapping} (a non-interactive one, where the miner serves that mode). Each is admitted before a
 * byte is read (id, Content-Length, room in the key store, a free upload slot: one of each kind at a time, so that a
 * slow multi-GB upload never holds back the small ones), spooled to a temporary file as it arrives, then read,
 * checked and stored on the upload thread. Whatever happens, the file is deleted and the slot freed exactly once,
 * before the client hears the answer.
 */
final class KeyUploads {
    static final Pattern KEY_SET_ID = Pattern.compile("[0-9a-f]{16,64}");
    /** Seeded keys of the largest supported set: 256 keys of N = 2^16 with 30 primes would exceed it; ours are ~400 MB. */
    static final long MAX_UPLOAD_BYTES = 1_500_000_000L;
    private static final String RETRY_AFTER_SECONDS = "5";

    private final ServedModel model;
    private final InferenceContext context;
    private final EvaluationKeyFormat format;
    private final Executor uploadThread;
    private final Path spool;
    private final Semaphore uploads = new Semaphore(1);
    private final Semaphore bootstrappingUploads = new Semaphore(1);

    /** The answer to an upload: a status and its body (JSON for 201, a reason otherwise). */
    private record Answer(int status, String body) {
        static Answer stored(JsonObject stored) {
            return new Answer(201, stored.encode());
        }
    }

    /** What reads, checks and stores an upload; its answer for the client. */
    @FunctionalInterface
    private interface Store {
        JsonObject from(Path file) throws Exception;
    }

    /** @param spool where uploads are received: the miner's own directory */
    KeyUploads(ServedModel model, InferenceContext context, Executor uploadThread, Path spool) {
        this.model = model;
        this.context = context;
        this.format = new EvaluationKeyFormat(model.parameters());
        this.uploadThread = uploadThread;
        this.spool = spool;
    }

    void upload(HttpServerRequest request, String keySetId) {
        long length = admit(request, keySetId, MAX_UPLOAD_BYTES, uploads, 2); // full keys hold a and the companions too
        if (length >= 0) spool(request, length, uploads, "key set", file -> store(keySetId, file, length));
    }

    void uploadBootstrapping(HttpServerRequest request, String keySetId) {
        Optional<BootstrappedModel> bootstrapped = model instanceof ServedModel.Language language ? language.bootstrapped() : Optional.empty();
        if (bootstrapped.isEmpty()) {
            refuse(request, 404, "this miner serves " + model.id() + " with the client's round trips only: upload keys with PUT /v1/keys/"
                    + (KEY_SET_ID.matcher(keySetId).matches() ? keySetId : "{id}"));
            return;
        }
        long length = admit(request, keySetId, BootstrappedModel.MAX_UPLOAD_BYTES, bootstrappingUploads, 1); // compact keys
        if (length >= 0) {
            spool(request, length, bootstrappingUploads, "bootstrapping key set", file -> storeBootstrapping(keySetId, bootstrapped.get(), file, length));
        }
    }

    /**
     * The checks before a byte is read: the id, a Content-Length within {@code max}, room in the key store for at
     * least {@code heldPerByte} times the seeded bytes (what the keys hold in memory once read, at the least), and the
     * upload slot (taken here). The length, or -1 when the request was refused.
     */
    private long admit(HttpServerRequest request, String keySetId, long max, Semaphore slot, int heldPerByte) {
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
            context.keys().checkFits(heldPerByte * length);
        } catch (KeyStoreFullException e) {
            refuse(request, 413, e.getMessage());
            return -1;
        }
        if (!slot.tryAcquire()) {
            request.response().setStatusCode(503).putHeader("retry-after", RETRY_AFTER_SECONDS).putHeader("connection", "close")
                    .end("another key upload is in progress: retry after " + RETRY_AFTER_SECONDS + " s");
            return -1;
        }
        return length;
    }

    /**
     * Receives an admitted upload into a temporary file (never into one array on the event loop: a 387 MB body there
     * once ran a miner out of heap with the upload slot taken, refusing every later upload), then stores it on the
     * upload thread; the file is deleted and the slot freed before the answer goes out.
     */
    private void spool(HttpServerRequest request, long length, Semaphore slot, String what, Store store) {
        try {
            SpooledUpload.receive(Vertx.currentContext().owner(), spool, request, length, context.limits().replyTimeout(), new SpooledUpload.Outcome() {
                @Override
                public void received(Path file) {
                    try {
                        uploadThread.execute(() -> {
                            Answer answer;
                            try {
                                answer = storing(what, () -> store.from(file));
                            } finally {
                                SpooledUpload.delete(file);
                                slot.release();
                            }
                            answer(request, answer);
                        });
                    } catch (RuntimeException stopping) {
                        SpooledUpload.delete(file);
                        slot.release();
                        refuse(request, 503, "the miner is stopping");
                    }
                }

                @Override
                public void refused(int status, String reason) {
                    slot.release();
                    refuse(request, status, reason);
                }
            });
        } catch (RuntimeException e) {
            slot.release();
            context.log().accept("key upload failed: " + e);
            refuse(request, 500, "the miner could not receive the " + what + ": " + e.getClass().getSimpleName());
        }
    }

    private JsonObject store(String keySetId, Path file, long length) throws Exception {
        context.keys().makeRoom(format.inMemoryBytes(format.declaredKeys(head(file, 8)))); // room before the keys are read
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
    }

    private JsonObject storeBootstrapping(String keySetId, BootstrappedModel bootstrapped, Path file, long length) throws Exception {
        BootstrappingKeyFormat bootstrappingFormat = new BootstrappingKeyFormat(bootstrapped.parameters());
        bootstrappingFormat.checkHeader(head(file, BootstrappingKeyFormat.HEADER_BYTES)); // junk evicts nobody's keys
        context.keys().makeRoom(length); // compact keys hold about their uploaded bytes: room before they are read
        BootstrappingKeyFormat.KeySet keys;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            keys = bootstrappingFormat.read(in);
        }
        context.keys().checkFits(keys.bytes());
        BootstrappedPass pass = bootstrapped.open(keySetId, keys);
        context.keys().put(keySetId, pass, keys.bytes());
        context.metrics().uploaded(length);
        return new JsonObject().put("keySet", keySetId).put("keys", keys.model().galois().size() + keys.bootstrapping().evaluation().galois().size() + 4)
                .put("bytes", length).put("inMemoryBytes", keys.bytes());
    }

    /** Runs a store; its answer, with the status that names what was wrong. */
    private Answer storing(String what, java.util.concurrent.Callable<JsonObject> store) {
        try {
            return Answer.stored(store.call());
        } catch (MalformedInputException e) {
            return new Answer(400, "malformed " + what + ": " + e.getMessage());
        } catch (KeyStoreFullException e) {
            return new Answer(413, e.getMessage());
        } catch (IllegalArgumentException e) {
            return new Answer(422, e.getMessage());
        } catch (OutOfMemoryError e) {
            // the failed allocation was the key material being read, now garbage: the miner goes on with what it holds
            context.log().accept("key upload ran out of heap: " + e.getMessage());
            return new Answer(503, "the miner has no memory for the " + what + " now: retry later, or ask a miner with a larger key store");
        } catch (Exception e) {
            context.log().accept("key upload failed: " + e);
            return new Answer(500, "the miner could not store the " + what + ": " + e.getClass().getSimpleName());
        }
    }

    /** The first bytes of a spooled upload: the header that says what follows. */
    private static byte[] head(Path file, int bytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(bytes);
        }
    }

    private void answer(HttpServerRequest request, Answer answer) {
        if (answer.status() == 201) {
            if (!request.response().ended()) request.response().setStatusCode(201).putHeader("content-type", "application/json").end(answer.body());
        } else {
            refuse(request, answer.status(), answer.body());
        }
    }

    private void refuse(HttpServerRequest request, int status, String reason) {
        context.metrics().failed(status);
        if (request.response().ended()) return;
        request.response().setStatusCode(status).putHeader("connection", "close").end(reason);
    }
}
