package ai.based.miner;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Ends a key upload that stalls or trickles. The miner takes one upload at a time, so a client that declares a large
 * upload and then sends a byte now and then would keep every other client from uploading; each window must bring at
 * least {@link #MIN_BYTES_PER_SECOND} or the upload is refused (408) and its permit freed.
 */
final class UploadWatch {
    /** An upload slower than this would hold the miner's upload slot (the client sizes its deadline by it too). */
    static final long MIN_BYTES_PER_SECOND = ai.based.miner.remote.ProtocolLimits.MIN_UPLOAD_BYTES_PER_SECOND;

    private UploadWatch() {}

    /**
     * Checks every {@code window} (on the caller's event loop) that {@code received} grew by the minimum; stops when
     * {@code done}, and calls {@code tooSlow} once when it did not.
     */
    static void watch(Vertx vertx, Duration window, LongSupplier received, BooleanSupplier done, Runnable tooSlow) {
        long minimum = Math.max(1, MIN_BYTES_PER_SECOND * window.toMillis() / 1000);
        long[] atLastCheck = {0};
        vertx.setPeriodic(window.toMillis(), timer -> {
            if (done.getAsBoolean()) {
                vertx.cancelTimer(timer);
                return;
            }
            if (received.getAsLong() - atLastCheck[0] < minimum) {
                vertx.cancelTimer(timer);
                tooSlow.run();
                return;
            }
            atLastCheck[0] = received.getAsLong();
        });
    }
}
