package ai.based.fhe.ckks;

import ai.based.fhe.rlwe.SwitchingKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The public evaluation keys a miner holds: relinearisation, and Galois keys by element. */
public record EvaluationKeys(Optional<SwitchingKey> relinearization, Map<Long, SwitchingKey> galois) {
    public EvaluationKeys {
        galois = Map.copyOf(galois);
    }

    /** The same keys without Shoup companions (see {@link SwitchingKey#lean}): half the memory. */
    public EvaluationKeys lean() {
        return map(SwitchingKey::lean);
    }

    /** The same keys held as b and the seed of their uniform half (see {@link SwitchingKey#compact}): a quarter of the memory. */
    public EvaluationKeys compact() {
        return map(SwitchingKey::compact);
    }

    private EvaluationKeys map(UnaryOperator<SwitchingKey> form) {
        Map<Long, SwitchingKey> formed = new HashMap<>();
        galois.forEach((element, key) -> formed.put(element, form.apply(key)));
        return new EvaluationKeys(relinearization.map(form), formed);
    }

    /** Bytes the keys hold in memory. */
    public long bytes() {
        return relinearization.map(SwitchingKey::bytes).orElse(0L) + galois.values().stream().mapToLong(SwitchingKey::bytes).sum();
    }
}
