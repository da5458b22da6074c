package ai.based.fhe.io;

/** Bytes that are not a valid object for these parameters: truncated, tampered, oversized or for another ring. */
public final class MalformedInputException extends RuntimeException {
    public MalformedInputException(String message) {
        super(message);
    }
}
