package ai.based.miner;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.zkllm.diagnosis.EncryptedDiagnosis;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.protocol.wire.WireCodec;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The model a miner serves, of one of the kinds a Brain may name: the language model (passes with the client's round
 * trips) or the diagnosis classifier (records scored in one exchange). Everything else in the miner, the key store,
 * uploads, sessions and payment, is the same for both.
 */
public sealed interface ServedModel {
    /** The package's content id, as the Brain names it on chain. */
    ModelId id();

    /** The CKKS parameters its circuit runs at: the key uploads are read with them. */
    Parameters parameters();

    /** The rotations the circuit performs: the Galois keys a client sends. */
    List<Integer> rotationSteps();

    /** A client's evaluation context under its keys; refuses ({@link IllegalArgumentException}) keys that cannot run the circuit. */
    Object open(String keySetId, EvaluationKeys keys);

    /** What GET /v1/info says of the model: its task and what one request of that task may carry. */
    JsonObject describe();

    /**
     * The language model: one compute unit is one encrypted token pass.
     *
     * @param bootstrapped the same model without round trips, when this miner serves it (key sets of its own)
     */
    record Language(EncryptedGpt circuit, ModelId id, Optional<BootstrappedModel> bootstrapped) implements ServedModel {
        public Language(EncryptedGpt circuit, ModelId id) {
            this(circuit, id, Optional.empty());
        }

        @Override
        public Parameters parameters() {
            return circuit.parameters();
        }

        @Override
        public List<Integer> rotationSteps() {
            return circuit.rotationSteps();
        }

        @Override
        public EncryptedGpt.Session open(String keySetId, EvaluationKeys keys) {
            return circuit.open(keySetId, keys);
        }

        @Override
        public JsonObject describe() {
            JsonObject description = new JsonObject().put("task", "generation");
            bootstrapped.ifPresent(model -> description.put("nonInteractive", model.describe(BootstrappedModel.MAX_UPLOAD_BYTES)));
            return description;
        }
    }

    /**
     * The diagnosis classifier: one compute unit is one records ciphertext (128 records) scored.
     *
     * @param batches where the ciphertexts of one request run
     */
    record Diagnosis(EncryptedDiagnosis circuit, ModelId id, Executor batches) implements ServedModel {
        @Override
        public Parameters parameters() {
            return circuit.parameters();
        }

        @Override
        public List<Integer> rotationSteps() {
            return circuit.rotationSteps();
        }

        @Override
        public EncryptedDiagnosis.Session open(String keySetId, EvaluationKeys keys) {
            return circuit.open(keySetId, keys, batches);
        }

        @Override
        public JsonObject describe() {
            return new JsonObject().put("task", "diagnosis").put("recordsPerCiphertext", circuit.recordsPerCiphertext())
                    .put("maxCiphertextsPerRequest", Math.min(WireCodec.MAX_SCORE_BATCHES, EncryptedDiagnosis.MAX_BATCHES));
        }
    }
}
