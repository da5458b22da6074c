package ai.based.governance;

/** OpenZeppelin Governor's proposal states, in the contract's order. */
public enum ProposalState {
    PENDING,
    ACTIVE,
    CANCELED,
    DEFEATED,
    SUCCEEDED,
    QUEUED,
    EXPIRED,
    EXECUTED;

    public static ProposalState of(java.math.BigInteger onChain) {
        return values()[onChain.intValueExact()];
    }
}
