package ai.based.miner;

import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A key upload streamed to a file in the miner's spool directory (never into one array: a non-interactive key set is
 * several GB at N = 2^16): the request pauses while the file's write queue is full, the declared length is enforced both ways, and the
 * stall watch of every upload applies ({@link UploadWatch}). A failed upload leaves no file behind; a received one is
 * the caller's to read and delete.
 */
final class SpooledUpload {
    /** Where an upload ends: received whole into {@code file}, or refused with an HTTP status and a reason. */
    interface Outcome {
        void received(Path file);

        void refused(int status, String reason);
    }

    private final HttpServerRequest request;
    private final long length;
    private final Path file;
    private final Outcome outcome;
    private Vertx vertx;
    private AsyncFile out;
    private long received;
    private boolean done;

    private SpooledUpload(HttpServerRequest request, long length, Path file, Outcome outcome) {
        this.request = request;
        this.length = length;
        this.file = file;
        this.outcome = outcome;
    }

    /**
     * Receives {@code length} bytes of {@code request}'s body into a new file in {@code directory} (called on the
     * request's event loop; the file system's work runs off it).
     */
    static void receive(Vertx vertx, Path directory, HttpServerRequest request, long length, Duration stallWindow, Outcome outcome) {
        request.pause();
        vertx.executeBlocking(() -> {
            Path file = Files.createTempFile(directory, "based-keys-", ".upload");
            if (file.toFile().getUsableSpace() < length) {
                Files.delete(file);
                throw new IOException(String.format("the miner has less than the upload's %,d bytes free on disk", length));
            }
            return file;
        }).compose(file -> vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
                .recover(e -> {
                    delete(vertx, file);
                    return io.vertx.core.Future.failedFuture(e);
                })
                .map(opened -> new SpooledUpload(request, length, file, outcome).start(vertx, opened, stallWindow)))
                .onFailure(e -> outcome.refused(507, "the miner cannot spool the key upload to disk: " + e.getMessage()));
    }

    private SpooledUpload start(Vertx vertx, AsyncFile file, Duration stallWindow) {
        this.vertx = vertx;
        out = file;
        out.exceptionHandler(e -> {
            fail(507, "the miner could not write the key upload to disk: " + e.getMessage());
            request.connection().close();
        });
        request.handler(chunk -> {
            if (done) return;
            if (received + chunk.length() > length) {
                fail(400, "the upload is longer than its Content-Length");
                return;
            }
            received += chunk.length();
            out.write(chunk);
            if (out.writeQueueFull()) {
                request.pause();
                out.drainHandler(v -> request.resume());
            }
        });
        request.exceptionHandler(e -> fail(400, "the upload broke off after " + received + " bytes"));
        request.endHandler(v -> {
            if (done) return;
            if (received != length) {
                fail(400, "the upload ended after " + received + " of " + length + " bytes");
                return;
            }
            done = true;
            out.close().onComplete(closed -> {
                if (closed.succeeded()) {
                    outcome.received(this.file);
                } else {
                    delete(vertx, this.file);
                    outcome.refused(507, "the miner could not finish writing the key upload: " + closed.cause().getMessage());
                }
            });
        });
        UploadWatch.watch(vertx, stallWindow, () -> received, () -> done, () -> {
            fail(408, "the upload brought less than " + UploadWatch.MIN_BYTES_PER_SECOND + " bytes/s over the last " + stallWindow.toSeconds()
                    + " s (" + received + " of " + length + " bytes received)");
            request.connection().close();
        });
        request.resume();
        return this;
    }

    private void fail(int status, String reason) {
        if (done) return;
        done = true;
        out.close().onComplete(v -> delete(vertx, file));
        outcome.refused(status, reason);
    }

    /** Deletes off the event loop: a multi-GB file takes a while to free. */
    private static void delete(Vertx vertx, Path file) {
        vertx.executeBlocking(() -> {
            delete(file);
            return null;
        });
    }

    /**
     * Deletes what an earlier run left in {@code directory} (a miner stopped mid-upload): called at start, before any
     * upload of this run.
     */
    static void clearStale(Path directory) throws IOException {
        try (var stale = Files.newDirectoryStream(directory, "based-keys-*.upload")) {
            for (Path file : stale) delete(file);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
