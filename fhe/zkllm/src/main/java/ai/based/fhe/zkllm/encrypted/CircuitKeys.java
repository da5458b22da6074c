package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.KeyPlan;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The evaluation keys an encrypted circuit needs, for both sides and every circuit (the language model, diagnosis):
 * the client makes them from its secret key, the miner checks a client's set before it opens a session on it.
 */
public final class CircuitKeys {
    private CircuitKeys() {}

    /** The relinearisation key and a Galois key per rotation step, from {@code secretKey}. */
    public static EvaluationKeys make(Parameters params, Sampler random, SecretKey secretKey, List<Integer> steps) {
        return make(params, random, secretKey, steps, params.maxLevel());
    }

    /**
     * As above for a circuit whose ciphertexts never rise above {@code maxLevel} (one that enters below the top of a
     * bootstrapping chain): the keys leave out the primes above it, a fraction of the size.
     */
    public static EvaluationKeys make(Parameters params, Sampler random, SecretKey secretKey, List<Integer> steps, int maxLevel) {
        return plan(params, random, secretKey, steps, maxLevel).make();
    }

    /** The same keys, each made when asked for (see {@link KeyPlan}): the relinearisation key, then a Galois key per distinct rotation. */
    public static KeyPlan plan(Parameters params, Sampler random, SecretKey secretKey, List<Integer> steps, int maxLevel) {
        KeyGenerator keygen = new KeyGenerator(params.ring(), random);
        boolean full = maxLevel == params.maxLevel();
        List<Supplier<SwitchingKey>> keys = new ArrayList<>();
        keys.add(() -> full ? keygen.relinearizationKey(secretKey) : keygen.relinearizationKey(secretKey, maxLevel));
        Set<Long> elements = new LinkedHashSet<>();
        for (int step : steps) elements.add(Galois.rotationElement(step, params.logN()));
        for (long e : elements) keys.add(() -> full ? keygen.galoisKey(secretKey, e) : keygen.galoisKey(secretKey, e, maxLevel));
        return new KeyPlan(keys);
    }

    /** Refuses, with what is wrong, keys that cannot run a circuit rotating by {@code steps} under {@code params}. */
    public static void check(Parameters params, EvaluationKeys keys, List<Integer> steps) {
        if (keys.relinearization().isEmpty()) throw new IllegalArgumentException("the evaluation keys lack the relinearisation key");
        List<Integer> missing = new ArrayList<>();
        for (int step : steps) {
            if (!keys.galois().containsKey(Galois.rotationElement(step, params.logN()))) missing.add(step);
        }
        if (!missing.isEmpty()) throw new IllegalArgumentException("the evaluation keys lack rotations by " + missing + " slots");
        checkShape(params, keys.relinearization().get());
        keys.galois().values().forEach(key -> checkShape(params, key));
    }

    private static void checkShape(Parameters params, SwitchingKey key) {
        int limbs = params.ring().qCount() + params.ring().pCount();
        if (key.b().length == 0 || key.b()[0].length != limbs || key.b()[0][0].length != params.n()) {
            throw new IllegalArgumentException("the evaluation keys were made for other CKKS parameters than " + params);
        }
    }
}
