package ai.based.protocol.scoring;

import java.time.Duration;

/**
 * How a validator scores a miner's answer.
 *
 * @param logitTolerance the largest logit error that still counts as exact: the CKKS noise the parameters allow
 * @param latencyTarget answers at or under this latency keep their whole score
 * @param timeout answers at or over this latency score zero; in between the score falls linearly
 */
public record ScoringParameters(double logitTolerance, Duration latencyTarget, Duration timeout) {

    public ScoringParameters {
        if (!(logitTolerance > 0) || Double.isInfinite(logitTolerance)) {
            throw new IllegalArgumentException("logit tolerance must be a positive finite number, got " + logitTolerance);
        }
        if (latencyTarget == null || timeout == null || latencyTarget.isNegative() || timeout.compareTo(latencyTarget) <= 0) {
            throw new IllegalArgumentException("need 0 <= latency target < timeout, got " + latencyTarget + " and " + timeout);
        }
    }

    /** 1 up to the target, 0 from the timeout on, linear in between. */
    double latencyFactor(Duration latency) {
        if (latency.compareTo(latencyTarget) <= 0) return 1;
        if (latency.compareTo(timeout) >= 0) return 0;
        double over = latency.minus(latencyTarget).toNanos();
        return 1 - over / timeout.minus(latencyTarget).toNanos();
    }
}
