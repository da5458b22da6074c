package ai.based.client.brains;

/** A Brain operation was refused before or by the chain; the message says why and what would fix it. */
public final class BrainException extends RuntimeException {

    /** Why, so the CLI can pick an exit code. */
    public enum Reason {
        INSUFFICIENT_FUNDS,
        CAP_REACHED,
        NOT_OWNER,
        STAKE_LOCKED,
        NOT_STAKED,
        NO_SUCH_BRAIN,
        PAUSED,
        INVALID_INPUT
    }

    private final Reason reason;

    public BrainException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
