package ai.based.client.wallet;

/** A wallet cannot be created, found or unlocked; {@link #reason()} says which, so the CLI can pick an exit code. */
public class WalletException extends RuntimeException {

    /** Why. */
    public enum Reason {
        /** No wallet, keystore or key file of that name. */
        NOT_FOUND,
        /** A wallet of that name exists already. */
        EXISTS,
        /** A name, key, password or file the user gave is not acceptable. */
        INVALID_INPUT,
        /** The wallet directory could not be read or written. */
        STORAGE
    }

    private final Reason reason;

    public WalletException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public WalletException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
