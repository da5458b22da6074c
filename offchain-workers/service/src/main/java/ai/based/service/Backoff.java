package ai.based.service;

import java.time.Duration;

/**
 * The pause between passes: the normal interval while passes succeed, doubling after each failure in a row up to a
 * ceiling, so a node that is down is not hammered and a recovered one is picked up quickly.
 */
public final class Backoff {
    private final Duration interval;
    private final Duration ceiling;
    private int failures;

    public Backoff(Duration interval, Duration ceiling) {
        this.interval = interval;
        this.ceiling = ceiling;
    }

    public void reset() {
        failures = 0;
    }

    /** Counts a failure and returns the pause before the next pass. */
    public Duration next() {
        failures++;
        return delay();
    }

    public int failures() {
        return failures;
    }

    public Duration delay() {
        if (failures == 0) return interval;
        long factor = 1L << Math.min(failures, 20);
        Duration grown = interval.multipliedBy(factor);
        return grown.compareTo(ceiling) > 0 ? ceiling : grown;
    }
}
