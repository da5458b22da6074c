package ai.based.client.market;

/** The compute market refused an operation, before sending or on chain; the message says why and what would fix it. */
public final class MarketException extends RuntimeException {

    /** Why, so the CLI can pick an exit code and a miner can tell a stale receipt from a broke user. */
    public enum Reason {
        INSUFFICIENT_FUNDS,
        WITHDRAWAL_LOCKED,
        NO_WITHDRAWAL,
        STALE_RECEIPT,
        INVALID_SIGNATURE,
        NOT_ALLOWED,
        INVALID_INPUT
    }

    private final Reason reason;

    public MarketException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
