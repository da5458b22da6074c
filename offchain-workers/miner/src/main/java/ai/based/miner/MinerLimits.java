package ai.based.miner;

import java.time.Duration;

/**
 * What a miner accepts: sessions evaluating at once, the key store's budget, how long it waits for a client's round
 * trip, and how long an idle session stays open.
 */
public record MinerLimits(int maxSessions, long keyStoreBytes, Duration replyTimeout, Duration idleTimeout) {
    /** The largest WebSocket message: a pass's logits or two top-level ciphertexts, with room. */
    public static final int MAX_MESSAGE_BYTES = 64 << 20;

    public MinerLimits {
        if (maxSessions < 1) throw new IllegalArgumentException("--max-sessions must be at least 1");
        if (keyStoreBytes < 1) throw new IllegalArgumentException("the key store needs a positive budget");
    }

    /** K sessions, a quarter of the heap for keys, a minute per round trip, two idle minutes. */
    public static MinerLimits defaults(int maxSessions) {
        return new MinerLimits(maxSessions, Runtime.getRuntime().maxMemory() / 4, Duration.ofSeconds(60), Duration.ofSeconds(120));
    }
}
