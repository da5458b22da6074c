package ai.based.chain;

/** A chain cannot be used as asked. The message says what failed and what the user can do. */
public class ChainException extends RuntimeException {

    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }

    public static ChainException unreachable(String rpcUrl, Throwable cause) {
        return new ChainException("cannot reach the node at " + rpcUrl + ": " + describe(cause)
                + " (is the devnet up? try 'based devnet up')", cause);
    }

    public static WrongChainException wrongChain(String rpcUrl, long expected, long actual) {
        return new WrongChainException("wrong chain: the node at " + rpcUrl + " reports chain id " + actual
                + ", expected " + expected + " (check --rpc-url or the deployment manifest)");
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
