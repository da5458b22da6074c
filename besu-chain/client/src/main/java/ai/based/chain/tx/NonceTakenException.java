package ai.based.chain.tx;

import ai.based.chain.ChainException;

/** A stored signed transaction can never be mined: another transaction of the same account spent its nonce. */
public final class NonceTakenException extends ChainException {
    private final transient SignedTransaction transaction;

    public NonceTakenException(SignedTransaction transaction) {
        super("transaction " + transaction.hash() + " can never be mined: another transaction spent its nonce "
                + transaction.nonce());
        this.transaction = transaction;
    }

    public SignedTransaction transaction() {
        return transaction;
    }
}
