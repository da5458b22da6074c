package ai.based.client.market;

/** A receipt signature the ComputeMarket refuses whoever made it: malformed, or a malleable (high-s) form. */
public final class InvalidReceiptSignatureException extends RuntimeException {
    public InvalidReceiptSignatureException(String message) {
        super(message);
    }
}
