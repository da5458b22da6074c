package ai.based.protocol.consensus;

/** How bonds follow the weights; governance picks one per network. */
public enum BondVariant {
    /**
     * Subtensor's original Yuma: bonds are column-normalised, the new bond is the EMA of the stake-weighted
     * weights (W o S, column-normalised), and a validator's dividend is the sum of its bonds times incentive.
     */
    YUMA,
    /**
     * Yuma3: bonds are per-weight proportions in [0, 1], the EMA of the weights themselves (capped at 1); a
     * validator's dividend is its stake times its column-normalised bonds times incentive.
     */
    YUMA3
}
