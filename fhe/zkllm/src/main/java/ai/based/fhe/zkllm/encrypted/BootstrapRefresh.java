package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.circuits.Bootstrapper;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.model.BoundedAttention;

/**
 * The miner's refreshes by bootstrapping, in place of the client's round trips: no message leaves the miner, so the
 * client can neither be probed through them nor has to stay online for them.
 * <ul>
 * <li>The hidden state: bootstrapping keeps its precision for slot values within about ±1, so the state is divided by
 * {@link #STATE_RANGE} first (a product by a constant: the one level {@link #reservedLevels()} keeps) and multiplied
 * back after (by an integer, encoded at scale 1: no level).
 * <li>Attention's division, for a model whose divisor c + Z̄ lies on a known interval ({@link BoundedAttention}):
 * the divisor is brought into range and bootstrapped like the state, its reciprocal evaluated
 * ({@link EncryptedReciprocal}, which takes all but one level), brought back to the default scale (that level) and
 * bootstrapped again (1/x is within (0, 1/c]), then brought down to the numerator's level; the numerator itself never
 * leaves its level. With ten levels after bootstrapping that fits seven doublings. For other models the division
 * goes to {@code client}.
 * </ul>
 */
public final class BootstrapRefresh implements ClientRefresh {
    /** Hidden states of the shipped models stay within ±100 (see ZkllmClient.STATE_BOUND); a power of two above that. */
    public static final int STATE_RANGE = 128;
    /**
     * The divisor c + Z̄ of a bounded model: trained to stay below its ceiling (64 for tiny-bounded; the largest seen on
     * 200 held-out prompts was 109), bootstrapped in units of this.
     */
    public static final int DIVISOR_RANGE = 128;
    private final Bootstrapper bootstrapper;
    private final ClientRefresh client;
    private final BoundedAttention bounds;
    private final EncryptedReciprocal reciprocal;
    private int bootstraps;

    /** Refreshes the state; attention's division stays the client's. */
    public BootstrapRefresh(Bootstrapper bootstrapper, ClientRefresh client) {
        this(bootstrapper, client, null, null);
    }

    /**
     * Refreshes the state and divides attention too, with {@code reciprocal} over the model's interval: nothing goes to
     * the client ({@code client} may be null).
     */
    public BootstrapRefresh(Bootstrapper bootstrapper, BoundedAttention bounds, EncryptedReciprocal reciprocal) {
        this(bootstrapper, null, bounds, reciprocal);
    }

    private BootstrapRefresh(Bootstrapper bootstrapper, ClientRefresh client, BoundedAttention bounds, EncryptedReciprocal reciprocal) {
        if (reciprocal != null && reciprocal.depth() + 1 > bootstrapper.outputLevel()) {
            throw new IllegalArgumentException("the reciprocal needs " + reciprocal.depth() + " levels and one to bring it back into range, "
                    + "bootstrapping leaves " + bootstrapper.outputLevel());
        }
        if (reciprocal != null && (reciprocal.low() > bounds.floor() || reciprocal.high() < bounds.ceiling())) {
            throw new IllegalArgumentException("the reciprocal's interval [" + reciprocal.low() + ", " + reciprocal.high() + "] does not cover the model's ["
                    + bounds.floor() + ", " + bounds.ceiling() + "]");
        }
        this.bootstrapper = bootstrapper;
        this.client = client;
        this.bounds = bounds;
        this.reciprocal = reciprocal;
    }

    /** True when attention's division runs here, so that no message reaches the client during a pass. */
    public boolean dividesAttention() {
        return reciprocal != null;
    }

    @Override
    public int reservedLevels() {
        return 1;
    }

    @Override
    public int attentionReserve() {
        return reciprocal == null ? reservedLevels() : 2;
    }

    @Override
    public Reciprocal attention(int layer, Ciphertext numerator, Ciphertext meanDenominator, int activeLanes) {
        if (reciprocal == null) return client.attention(layer, numerator, meanDenominator, activeLanes);
        Evaluator evaluator = bootstrapper.evaluator();
        Ciphertext divisor = evaluator.addConst(meanDenominator, bounds.floor());
        Ciphertext inRange = refresh(divisor, DIVISOR_RANGE);
        Ciphertext inverse = reciprocal.apply(new HeOps(evaluator, null), inRange);
        // 1/x lies in (0, 1/c] on the interval and in [0, 1/x] up to its safe limit, but the reciprocal hands it over
        // at b times the default scale (it iterates on b/x): one product brings the message back to the default scale,
        // far enough below q_0 for bootstrapping's sine
        double toDefault = evaluator.parameters().defaultScale() / inverse.scale();
        double prime = evaluator.parameters().ring().modulus(inverse.level()).q;
        Ciphertext unit = evaluator.rescale(evaluator.mulConst(inverse, toDefault, prime));
        unit.setScale(unit.scale() * toDefault);
        Ciphertext fresh = bootstrap(evaluator.dropLevel(unit, 0));
        return new Reciprocal(numerator, evaluator.dropLevel(fresh, numerator.level()));
    }

    @Override
    public Ciphertext state(int layer, Ciphertext hidden) {
        return refresh(hidden, STATE_RANGE);
    }

    /** {@code c} divided by {@code range} (one level), bootstrapped, and multiplied back by the integer {@code range}. */
    private Ciphertext refresh(Ciphertext c, int range) {
        if (c.level() < 1) {
            throw new IllegalStateException("a ciphertext reached bootstrapping at level 0: dividing it into bootstrapping's range needs one level");
        }
        Evaluator evaluator = bootstrapper.evaluator();
        double prime = evaluator.parameters().ring().modulus(c.level()).q;
        Ciphertext scaled = evaluator.rescale(evaluator.mulConst(c, 1.0 / range, prime));
        return evaluator.mulConst(bootstrap(evaluator.dropLevel(scaled, 0)), range, 1);
    }

    private Ciphertext bootstrap(Ciphertext c) {
        bootstraps++;
        return bootstrapper.bootstrap(c);
    }

    /** Bootstraps run since this refresh was made. */
    public int bootstraps() {
        return bootstraps;
    }
}
