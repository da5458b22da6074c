package ai.based.client.basedai;

/** Names of node roles as the registry numbers them. */
public enum NodeRole {
    MINER,
    VALIDATOR;

    public java.math.BigInteger onChain() {
        return java.math.BigInteger.valueOf(ordinal());
    }
}
