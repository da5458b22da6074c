package ai.based.fhe.zkllm.model;

/**
 * Power-Softmax with a divisor on a known interval, so that a miner can divide under encryption without the client.
 * The weights are s² / (n (c + Z̄)) with n = position + 1 and Z̄ = Σ s² / n the mean denominator: the divisor c + Z̄ is
 * at least the floor c by construction (Z̄ is a mean of squares), and the model is trained to keep it at most the
 * ceiling U (a penalty on the excess, {@link PolyGpt}); the encrypted reciprocal is designed for [c, U]
 * ({@code encrypted.EncryptedReciprocal}), and beyond U it degrades towards zero attention instead of blowing up, up to
 * a stated safe limit.
 *
 * <p>Why a floor and not only a ceiling: Power-Softmax without it is invariant to the scale of the scores, so nothing
 * held Z̄ anywhere (the tiny model's spans 6e-5 .. 1.4e4). With c the weights sum to Z̄ / (c + Z̄) &lt; 1: a token whose
 * scores are all small attends to (almost) nothing, as a softmax with an attention sink does, and the ratio U / c that
 * the reciprocal must cover is what the model is trained to.
 *
 * @param floor c &gt; 0, the divisor's lower end
 * @param ceiling U &gt; c, the upper end the reciprocal is accurate to
 */
public record BoundedAttention(double floor, double ceiling) {
    public BoundedAttention {
        if (!(floor > 0) || !(ceiling > floor) || Double.isInfinite(ceiling)) {
            throw new IllegalArgumentException("a bounded attention needs 0 < floor < ceiling, got [" + floor + ", " + ceiling + "]");
        }
    }

    /** The ratio U / c the reciprocal has to cover. */
    public double span() {
        return ceiling / floor;
    }
}
