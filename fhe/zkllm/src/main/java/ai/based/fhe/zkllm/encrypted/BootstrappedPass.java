package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.circuits.Bootstrapper;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.model.BoundedAttention;
import ai.based.fhe.zkllm.model.ModelConfig;
import java.util.List;

/**
 * One non-interactive encrypted pass in wire form: the miner bootstraps the state and divides attention itself
 * ({@link BootstrapRefresh}), so the client's only messages are the encrypted prompt and the logits back. The client
 * passed to {@link #logits} is never asked anything. Needs a model whose attention divisor is bounded by construction.
 * Passes of one key set run one at a time: the bootstrapper's evaluator is not shared across threads.
 */
public final class BootstrappedPass implements PassEvaluator {
    /** The reciprocal's interval: from the bounded model's floor to four times its ceiling of 64 (held-out maximum 109). */
    public static final double RECIPROCAL_HIGH = 256;
    /** Goldschmidt doublings: seven fit the ten levels after bootstrapping with the one that brings 1/x back into range. */
    public static final int DOUBLINGS = 7;

    private final EncryptedGpt.Session session;
    private final Bootstrapper bootstrapper;
    private final BoundedAttention bounds;
    private final EncryptedReciprocal reciprocal;
    private final Serializer wire;

    /** Refuses a model without a bounded divisor, or a bootstrapper whose levels the reciprocal does not fit. */
    public BootstrappedPass(EncryptedGpt.Session session, Bootstrapper bootstrapper) {
        check(session.config(), bootstrapper.outputLevel());
        this.bounds = session.config().boundedAttention();
        this.reciprocal = EncryptedReciprocal.forAttention(bounds, RECIPROCAL_HIGH, DOUBLINGS);
        this.session = session;
        this.bootstrapper = bootstrapper;
        this.wire = new Serializer(session.parameters());
        refresh(); // the checks of the levels and the interval, once, before any pass
    }

    /**
     * Refuses ({@link IllegalArgumentException}, naming why) a model that cannot run without round trips where
     * bootstrapping leaves {@code outputLevel} levels: no bounded divisor, a divisor ceiling above the reciprocal's
     * interval, or too few levels for the reciprocal. A miner checks it before serving, a client before making keys.
     */
    public static void check(ModelConfig config, int outputLevel) {
        BoundedAttention bounds = config.boundedAttention();
        if (bounds == null) {
            throw new IllegalArgumentException(config.name() + " divides attention by an unbounded sum, so only the client can divide it: a pass "
                    + "without round trips needs a model with a bounded divisor (tiny-bounded, or one made with 'based model bound')");
        }
        if (bounds.ceiling() > RECIPROCAL_HIGH) {
            throw new IllegalArgumentException(config.name() + "'s attention divisor reaches " + bounds.ceiling() + ", beyond the " + RECIPROCAL_HIGH
                    + " the miner's reciprocal covers");
        }
        int depth = EncryptedReciprocal.forAttention(bounds, RECIPROCAL_HIGH, DOUBLINGS).depth();
        if (depth + 1 > outputLevel) {
            throw new IllegalArgumentException("the reciprocal needs " + depth + " levels and one to bring it back into range, bootstrapping leaves "
                    + outputLevel);
        }
    }

    /** The logits' ciphertexts for the encrypted prompt {@code state}; {@code client} is never called. */
    @Override
    public synchronized List<byte[]> logits(String keySetId, byte[] state, TokenSegments segments, ClientRounds client) {
        Ciphertext prompt = wire.readCiphertext(state);
        return session.logits(keySetId, prompt, segments, refresh()).stream().map(wire::write).toList();
    }

    private BootstrapRefresh refresh() {
        return new BootstrapRefresh(bootstrapper, bounds, reciprocal);
    }
}
