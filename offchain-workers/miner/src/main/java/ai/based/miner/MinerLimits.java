package ai.based.miner;

import ai.based.miner.remote.ProtocolLimits;
import java.time.Duration;

/**
 * What a miner accepts: sessions evaluating at once, the key store's budget, how long it waits for a client's round
 * trip, and how long an idle session stays open.
 */
public record MinerLimits(int maxSessions, long keyStoreBytes, Duration replyTimeout, Duration idleTimeout) {
    /** The largest WebSocket message, as the client bounds it too. */
    public static final int MAX_MESSAGE_BYTES = ProtocolLimits.MAX_MESSAGE_BYTES;

    public MinerLimits {
        if (maxSessions < 1) throw new IllegalArgumentException("--max-sessions must be at least 1");
        if (keyStoreBytes < 1) throw new IllegalArgumentException("the key store needs a positive budget");
    }

    /**
     * K sessions, 40% of the heap for clients' keys (a key set of the tiny model takes 1.5 GB in memory), a minute per
     * round trip, two idle minutes. The encoded diagonals get {@link #diagonalCacheBytes()}; the rest is passes' work.
     */
    public static MinerLimits defaults(int maxSessions) {
        return new MinerLimits(maxSessions, Runtime.getRuntime().maxMemory() * 2 / 5, Duration.ofSeconds(60), Duration.ofSeconds(120));
    }

    /** The encoded weights' share of the heap: 30%. */
    public static long diagonalCacheBytes() {
        return Runtime.getRuntime().maxMemory() * 3 / 10;
    }
}
