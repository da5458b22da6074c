package ai.based.oracle;

/**
 * A token bucket for the signer's HTTP endpoint: up to {@code burst} requests at once, refilled at {@code perSecond}.
 * A flood gets 429 from it instead of time on the event loop; the signers' own exchange (one request per peer per
 * pass) stays far below any sensible budget.
 */
final class RequestBudget {
    private final int burst;
    private final double perNano;
    private double tokens;
    private long last = System.nanoTime();

    RequestBudget(int burst, int perSecond) {
        if (burst < 1 || perSecond < 1) throw new IllegalArgumentException("burst and rate must be at least 1");
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.tokens = burst;
    }

    synchronized boolean take() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
