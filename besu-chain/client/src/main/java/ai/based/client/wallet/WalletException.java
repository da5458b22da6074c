package ai.based.client.wallet;

/** A wallet cannot be created, found or unlocked. */
public class WalletException extends RuntimeException {
    public WalletException(String message) {
        super(message);
    }

    public WalletException(String message, Throwable cause) {
        super(message, cause);
    }
}
