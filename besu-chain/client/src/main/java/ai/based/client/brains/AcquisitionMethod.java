package ai.based.client.brains;

import java.math.BigInteger;

/** IBrainNFT.AcquisitionMethod, in the contract's order. */
public enum AcquisitionMethod {
    RESERVED,
    BURN,
    STAKE;

    public static AcquisitionMethod of(BigInteger onChain) {
        return values()[onChain.intValueExact()];
    }

    public String label() {
        return name().toLowerCase();
    }
}
