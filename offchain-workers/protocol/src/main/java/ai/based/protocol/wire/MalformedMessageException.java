package ai.based.protocol.wire;

/** A message that does not parse or breaks a bound; the peer gets a 400 with this message as the reason. */
public final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }
}
