package ai.based.validator;

/**
 * A challenge that failed on the validator's side (its chain node, its spending account, its receipts): the miner is
 * not to blame, so the challenge is not scored and the pass fails, to be retried.
 */
public final class ValidatorSideException extends RuntimeException {
    public ValidatorSideException(String message, Throwable cause) {
        super(message, cause);
    }
}
