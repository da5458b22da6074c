package ai.based.chain.tx;

import ai.based.chain.ChainException;

/** A call or transaction reverted; {@link #revert()} says which custom error and with what arguments. */
public final class ContractRevertException extends ChainException {
    private final DecodedRevert revert;

    public ContractRevertException(String action, DecodedRevert revert) {
        super(action + " reverted with " + revert);
        this.revert = revert;
    }

    public DecodedRevert revert() {
        return revert;
    }
}
