package ai.based.fhe.circuits;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.KeyPlan;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The public keys bootstrapping needs: relinearisation and the Galois keys of SubSum, the two transforms and the
 * conjugation (all under the dense secret s), the level-0 key from s to the ephemeral sparse secret s' (modulo
 * q_0 P only) and the key from s' back to s (over every prime, encrypted under s); the keys used below the top
 * level only (SlotsToCoeffs', the conjugation's) leave out the primes above their level. The sparse secret itself is
 * dropped once the two keys are made. The keys are compact (no Shoup companions, the uniform half held as its seed, see
 * SwitchingKey#compact): at N = 2^16 the lean keys alone take 6.5 GB, the compact ones half of that.
 */
public record BootstrappingKeys(EvaluationKeys evaluation, SwitchingKey toSparse, SwitchingKey fromSparse) {

    public static BootstrappingKeys generate(BootstrapParameters bootParams, KeyGenerator keygen, SecretKey sk) {
        return plan(bootParams, keygen, sk).make();
    }

    /**
     * The same keys, each made when asked for (see {@link KeyPlan}): the relinearisation key, the Galois keys, then the
     * two keys of the sparse secret. The sparse secret is drawn here and dropped with the plan.
     */
    public static Plan plan(BootstrapParameters bootParams, KeyGenerator keygen, SecretKey sk) {
        KeyGenerator generator = keygen.compactKeys();
        List<Supplier<SwitchingKey>> keys = new ArrayList<>();
        keys.add(() -> generator.relinearizationKey(sk));
        int top = bootParams.ckks().logQ().size() - 1;
        Bootstrapper.galoisKeyLevels(bootParams).forEach((g, level) ->
                keys.add(() -> level == top ? generator.galoisKey(sk, g) : generator.galoisKey(sk, g, level)));
        SecretKey sparse = generator.sparseSecretKey(bootParams.hammingWeight());
        return new Plan(new KeyPlan(keys), () -> generator.levelZeroSwitchingKey(sparse, sk), () -> generator.switchingKey(sk, sparse));
    }

    /** Bootstrapping's keys, each made when asked for. */
    public record Plan(KeyPlan evaluation, Supplier<SwitchingKey> toSparse, Supplier<SwitchingKey> fromSparse) {
        public BootstrappingKeys make() {
            return new BootstrappingKeys(evaluation.make(), toSparse.get(), fromSparse.get());
        }
    }

    /** Bytes of the keys as held in memory (b and a, and Shoup companions where a key has them; the a halves travel as seeds). */
    public long bytes() {
        return toSparse.bytes() + fromSparse.bytes() + evaluation.bytes();
    }
}
