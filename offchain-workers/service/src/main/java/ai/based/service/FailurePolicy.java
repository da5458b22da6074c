package ai.based.service;

import java.time.Duration;

/**
 * How a periodic service treats failed passes: the pause between passes, doubled after each failure in a row up to
 * a ceiling, and how many failures in a row make it give up (a node that stays down for hours is an outage to
 * report, not something to retry silently forever).
 */
public record FailurePolicy(Duration interval, Duration ceiling, int maxConsecutiveFailures) {
    public FailurePolicy {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        if (ceiling.compareTo(interval) < 0) throw new IllegalArgumentException("ceiling below the interval");
        if (maxConsecutiveFailures < 1) throw new IllegalArgumentException("maxConsecutiveFailures must be at least 1");
    }

    public Backoff backoff() {
        return new Backoff(interval, ceiling);
    }
}
