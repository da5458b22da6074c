package ai.based.client.basedai;

/**
 * The weights or forecasts board refused an operation, before sending or on chain, or what it holds cannot be read
 * back; unchecked, like the other client exceptions. The message says why and what would fix it; the reason lets a
 * validator or the Enforcer service tell "wait for the next epoch" from "this data is wrong".
 */
public final class WeightsException extends RuntimeException {

    public enum Reason {
        /** The caller lacks the role: not a validator of the Brain, not the Enforcer, not governance. */
        NOT_ALLOWED,
        /** The operation is not open in the current epoch (commit for another epoch, reveal too early or too late,
         *  forecast for a closed epoch). */
        WRONG_EPOCH,
        /** Nothing was committed for the epoch, or it was revealed / posted already. */
        WRONG_STATE,
        /** The revealed data does not hash to the commit. */
        COMMIT_MISMATCH,
        /** Malformed weights: lengths, order, unknown uids, too many entries, out-of-range values. */
        INVALID_INPUT,
        /** The chain could not be reached, or returned data that does not check out. */
        CHAIN
    }

    private final Reason reason;

    public WeightsException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WeightsException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
