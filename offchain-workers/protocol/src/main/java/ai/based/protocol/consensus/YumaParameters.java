package ai.based.protocol.consensus;

/**
 * Consensus parameters, all in {@link Fixed} units.
 *
 * @param kappa the stake majority whose weight a miner's consensus weight is (subtensor default 0.5)
 * @param bondsMovingAverage the weight of the old bonds in their EMA (default 0.9: the new bond counts 0.1)
 * @param bondsPenalty how much clipping applies to the weights bonds are bought with: 0 = raw weights, 1 =
 *     clipped weights (default 1, the classic Yuma that makes out-of-consensus weights buy no bonds)
 * @param variant the bond rule
 */
public record YumaParameters(long kappa, long bondsMovingAverage, long bondsPenalty, BondVariant variant) {

    public YumaParameters {
        if (kappa <= 0 || kappa > Fixed.ONE) throw new IllegalArgumentException("kappa must be in (0, 1], got " + Fixed.toDouble(kappa));
        requireUnit("bondsMovingAverage", bondsMovingAverage);
        requireUnit("bondsPenalty", bondsPenalty);
        if (variant == null) throw new IllegalArgumentException("a bond variant is required");
    }

    /** kappa 0.5, bonds moving average 0.9, bonds penalty 1, original Yuma bonds. */
    public static YumaParameters defaults() {
        return new YumaParameters(Fixed.ONE / 2, Fixed.fromDouble(0.9), Fixed.ONE, BondVariant.YUMA);
    }

    public YumaParameters withVariant(BondVariant other) {
        return new YumaParameters(kappa, bondsMovingAverage, bondsPenalty, other);
    }

    /** The EMA's weight of the new observation: 1 - bonds moving average. */
    long bondsAlpha() {
        return Fixed.ONE - bondsMovingAverage;
    }

    private static void requireUnit(String name, long value) {
        if (value < 0 || value > Fixed.ONE) throw new IllegalArgumentException(name + " must be in [0, 1], got " + Fixed.toDouble(value));
    }
}
