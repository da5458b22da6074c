package ai.based.chain;

/** The node answers, but for another chain than the one asked for. */
public final class WrongChainException extends ChainException {
    public WrongChainException(String message) {
        super(message);
    }
}
