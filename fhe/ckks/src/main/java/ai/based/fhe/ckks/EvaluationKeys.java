package ai.based.fhe.ckks;

import ai.based.fhe.rlwe.SwitchingKey;
import java.util.Map;
import java.util.Optional;

/** The public evaluation keys a miner holds: relinearisation, and Galois keys by element. */
public record EvaluationKeys(Optional<SwitchingKey> relinearization, Map<Long, SwitchingKey> galois) {
    public EvaluationKeys {
        galois = Map.copyOf(galois);
    }

    /** The same keys without Shoup companions (see {@link SwitchingKey#lean}): half the memory. */
    public EvaluationKeys lean() {
        Map<Long, SwitchingKey> leanGalois = new java.util.HashMap<>();
        galois.forEach((element, key) -> leanGalois.put(element, key.lean()));
        return new EvaluationKeys(relinearization.map(SwitchingKey::lean), leanGalois);
    }

    /** Bytes the keys hold in memory. */
    public long bytes() {
        return relinearization.map(SwitchingKey::bytes).orElse(0L) + galois.values().stream().mapToLong(SwitchingKey::bytes).sum();
    }
}
