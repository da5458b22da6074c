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
 * A key upload too large for one array (a non-interactive key set is several GB at N = 2^16), streamed to a temporary
 * file: the request pauses while the file's write queue is full, the declared length is enforced both ways, and the
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
    private AsyncFile out;
    private long received;
    private boolean done;

    private SpooledUpload(HttpServerRequest request, long length, Path file, Outcome outcome) {
        this.request = request;
        this.length = length;
        this.file = file;
        this.outcome = outcome;
    }

    /** Receives {@code length} bytes of {@code request}'s body into a temporary file (on the request's event loop). */
    static void receive(Vertx vertx, HttpServerRequest request, long length, Duration stallWindow, Outcome outcome) {
        request.pause();
        Path file;
        try {
            file = Files.createTempFile("based-keys-", ".upload");
        } catch (IOException e) {
            outcome.refused(507, "the miner cannot spool a key upload to disk: " + e.getMessage());
            return;
        }
        if (file.toFile().getUsableSpace() < length) {
            delete(file);
            outcome.refused(507, String.format("the miner has less than the upload's %,d bytes free on disk", length));
            return;
        }
        SpooledUpload upload = new SpooledUpload(request, length, file, outcome);
        vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true)).onComplete(opened -> {
            if (opened.failed()) {
                upload.fail(507, "the miner cannot write the key upload to disk: " + opened.cause().getMessage());
                return;
            }
            upload.start(vertx, opened.result(), stallWindow);
        });
    }

    private void start(Vertx vertx, AsyncFile file, Duration stallWindow) {
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
                    delete(this.file);
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
    }

    private void fail(int status, String reason) {
        if (done) return;
        done = true;
        if (out != null) out.close().onComplete(v -> delete(file));
        else delete(file);
        outcome.refused(status, reason);
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}
