package ai.based.fhe.ckks;

import ai.based.fhe.rlwe.SwitchingKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An evaluation key set whose keys are made one at a time, when asked for, in the order they travel. A set for
 * bootstrapping at N = 2^16 is several GB: a client that streams it to a file or the network holds one key at a time
 * instead of the whole set. Each supplier makes its key anew on every call, so a plan is walked once.
 */
public record KeyPlan(List<Supplier<SwitchingKey>> keys) {
    public KeyPlan {
        keys = List.copyOf(keys);
    }

    /** A plan over keys that already exist (the relinearisation key first): the same writer serves both. */
    public static KeyPlan of(EvaluationKeys made) {
        List<Supplier<SwitchingKey>> keys = new java.util.ArrayList<>();
        made.relinearization().ifPresent(key -> keys.add(() -> key));
        made.galois().values().forEach(key -> keys.add(() -> key));
        return new KeyPlan(keys);
    }

    public int size() {
        return keys.size();
    }

    /** Makes every key and holds them all. */
    public EvaluationKeys make() {
        Optional<SwitchingKey> relinearization = Optional.empty();
        Map<Long, SwitchingKey> galois = new HashMap<>();
        for (Supplier<SwitchingKey> supplier : keys) {
            SwitchingKey key = supplier.get();
            if (key.galoisElement() == SwitchingKey.RELINEARIZATION) relinearization = Optional.of(key);
            else galois.put(key.galoisElement(), key);
        }
        return new EvaluationKeys(relinearization, galois);
    }
}
