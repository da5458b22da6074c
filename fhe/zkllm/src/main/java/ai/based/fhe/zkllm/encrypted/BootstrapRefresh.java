package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.circuits.Bootstrapper;
import ai.based.fhe.rlwe.Ciphertext;

/**
 * The miner's refresh of the hidden state by bootstrapping, in place of the client's round trip: no message leaves
 * the miner, so the client can neither be probed through it nor has to stay online for it. Bootstrapping keeps its
 * precision for slot values within about ±1, so the state is divided by {@link #STATE_RANGE} first (a product by a
 * constant: one level, which the circuit has left whenever it asks for a refresh) and multiplied back after (by an
 * integer, encoded at scale 1: no level). Attention's division still goes to the client ({@code client}) until the
 * model's reciprocal is evaluated under encryption.
 */
public final class BootstrapRefresh implements ClientRefresh {
    /** Hidden states of the shipped models stay within ±100 (see ZkllmClient.STATE_BOUND); a power of two above that. */
    public static final int STATE_RANGE = 128;
    private final Bootstrapper bootstrapper;
    private final ClientRefresh client;
    private int bootstraps;

    public BootstrapRefresh(Bootstrapper bootstrapper, ClientRefresh client) {
        this.bootstrapper = bootstrapper;
        this.client = client;
    }

    @Override
    public Reciprocal attention(int layer, Ciphertext numerator, Ciphertext meanDenominator, int activeLanes) {
        return client.attention(layer, numerator, meanDenominator, activeLanes);
    }

    @Override
    public Ciphertext state(int layer, Ciphertext hidden) {
        if (hidden.level() < 1) {
            throw new IllegalStateException("the state reached bootstrapping at level 0: dividing it into bootstrapping's range needs one level");
        }
        Evaluator evaluator = bootstrapper.evaluator();
        double prime = evaluator.parameters().ring().modulus(hidden.level()).q;
        Ciphertext scaled = evaluator.rescale(evaluator.mulConst(hidden, 1.0 / STATE_RANGE, prime));
        Ciphertext refreshed = bootstrapper.bootstrap(evaluator.dropLevel(scaled, 0));
        bootstraps++;
        return evaluator.mulConst(refreshed, STATE_RANGE, 1);
    }

    /** Bootstraps run since this refresh was made. */
    public int bootstraps() {
        return bootstraps;
    }
}
