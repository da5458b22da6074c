package ai.based.fhe.ckks;

import ai.based.fhe.rlwe.SwitchingKey;
import java.util.Map;
import java.util.Optional;

/** The public evaluation keys a miner holds: relinearisation, and Galois keys by element. */
public record EvaluationKeys(Optional<SwitchingKey> relinearization, Map<Long, SwitchingKey> galois) {
    public EvaluationKeys {
        galois = Map.copyOf(galois);
    }
}
