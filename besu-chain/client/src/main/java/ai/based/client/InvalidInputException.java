package ai.based.client;

/**
 * Input a person typed (an amount, an address, a Brain number, a file they named) that the domain refuses before
 * anything is sent; the message says what is wrong in the domain's words and what would be accepted.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
