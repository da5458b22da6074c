package ai.based.fhe.circuits;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The public keys bootstrapping needs: relinearisation and the Galois keys of SubSum, the two transforms and the
 * conjugation (all under the dense secret s), the level-0 key from s to the ephemeral sparse secret s' (modulo
 * q_0 P only) and the key from s' back to s (over every prime, encrypted under s); the keys used below the top
 * level only (SlotsToCoeffs', the conjugation's) leave out the primes above their level. The sparse secret itself is
 * dropped once the two keys are made. The keys are lean (no Shoup companions, see SwitchingKey#lean): a bootstrapping
 * key set is large, and holding it twice would not fit 8 GB at N = 2^16.
 */
public record BootstrappingKeys(EvaluationKeys evaluation, SwitchingKey toSparse, SwitchingKey fromSparse) {

    public static BootstrappingKeys generate(BootstrapParameters bootParams, KeyGenerator keygen, SecretKey sk) {
        KeyGenerator lean = keygen.leanKeys();
        Map<Long, SwitchingKey> galois = new HashMap<>();
        int top = bootParams.ckks().logQ().size() - 1;
        Bootstrapper.galoisKeyLevels(bootParams).forEach((g, level) ->
                galois.put(g, level == top ? lean.galoisKey(sk, g) : lean.galoisKey(sk, g, level)));
        SecretKey sparse = lean.sparseSecretKey(bootParams.hammingWeight());
        return new BootstrappingKeys(new EvaluationKeys(Optional.of(lean.relinearizationKey(sk)), galois),
                lean.levelZeroSwitchingKey(sparse, sk), lean.switchingKey(sk, sparse));
    }

    /** Bytes of the keys as held in memory (b and a, and Shoup companions where a key has them; the a halves travel as seeds). */
    public long bytes() {
        return toSparse.bytes() + fromSparse.bytes() + evaluation.bytes();
    }
}
