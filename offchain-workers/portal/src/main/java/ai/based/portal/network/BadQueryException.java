package ai.based.portal.network;

/** A request to a network endpoint that names something impossible (a Brain id out of range, a huge count...): a 400. */
public final class BadQueryException extends RuntimeException {
    public BadQueryException(String message) {
        super(message);
    }
}
