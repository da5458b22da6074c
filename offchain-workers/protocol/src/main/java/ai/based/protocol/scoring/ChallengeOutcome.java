package ai.based.protocol.scoring;

import java.time.Duration;

/**
 * What came back from one challenge: the logits the validator decrypted (positions x vocabulary: the last
 * position only, or every position) and how long the miner took, or nothing in time.
 */
public sealed interface ChallengeOutcome {

    static ChallengeOutcome answered(double[][] logits, Duration latency) {
        if (latency == null || latency.isNegative()) throw new IllegalArgumentException("a measured latency cannot be negative or missing: " + latency);
        return new Answered(logits, latency);
    }

    static ChallengeOutcome timedOut() {
        return new TimedOut();
    }

    /** The miner answered; the logits are untrusted and may be any shape or value. */
    record Answered(double[][] logits, Duration latency) implements ChallengeOutcome {}

    /** No answer before the timeout, or a failed exchange: scores zero. */
    record TimedOut() implements ChallengeOutcome {}
}
