package ai.based.miner.remote;

import java.time.Duration;
import java.util.Optional;

/**
 * A miner that could not serve: unreachable, dead mid-pass, busy, or refusing with a status and reason. It names the
 * miner, so a client can report which one failed and move to another.
 */
public final class MinerException extends Exception {
    private final String miner;
    private final int status;
    private final Optional<Duration> retryAfter;

    public MinerException(String miner, int status, String reason, Optional<Duration> retryAfter, Throwable cause) {
        super("miner " + miner + (status > 0 ? " answered " + status + ": " : ": ") + reason, cause);
        this.miner = miner;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public String miner() {
        return miner;
    }

    /** The miner's status (HTTP-like), or 0 when it did not answer at all. */
    public int status() {
        return status;
    }

    /** Busy (503): when to try again. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** Worth trying another miner: unreachable, dead, busy, or failing on its side (5xx). */
    public boolean minerSide() {
        return status == 0 || status >= 500;
    }
}
