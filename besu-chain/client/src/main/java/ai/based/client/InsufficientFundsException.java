package ai.based.client;

/** An account holds less of a token than an operation needs; found before anything is sent. */
public class InsufficientFundsException extends RuntimeException {
    public InsufficientFundsException(String message) {
        super(message);
    }
}
