package ai.based.miner;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.circuits.BootstrapParameters;
import ai.based.fhe.circuits.Bootstrapper;
import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.rlwe.SwitchingKey;
import ai.based.fhe.zkllm.encrypted.BootstrappedPass;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.miner.remote.BootstrappingKeyFormat;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * The language model served without client round trips: its circuit at the bootstrapping set's parameters (the model's
 * levels below bootstrapping's), the set itself, and where a bootstrap's per-limb work runs. A client's key set holds
 * the model's keys and bootstrapping's ({@link BootstrappingKeyFormat}); a pass under it is a {@link BootstrappedPass}.
 */
public record BootstrappedModel(EncryptedGpt circuit, BootstrapParameters set, LimbParallelism limbs) {
    /**
     * A non-interactive key set (the model's keys and bootstrapping's, seeded): about 3.6 GB at N = 2^16 with the model's
     * 8,192 slots; spooled to disk as it arrives, never held in one array.
     */
    static final long MAX_UPLOAD_BYTES = 8_000_000_000L;

    /** Refuses a circuit not at the set's parameters, or a model that cannot run without round trips. */
    public BootstrappedModel {
        if (!circuit.parameters().literal().equals(set.ckks())) {
            throw new IllegalArgumentException("the circuit runs at " + circuit.parameters() + ", not at the bootstrapping set's parameters");
        }
        BootstrappedPass.check(circuit.config(), Bootstrapper.outputLevel(set));
    }

    public Parameters parameters() {
        return circuit.parameters();
    }

    /**
     * The client's non-interactive evaluation context; refuses ({@link IllegalArgumentException}) a key set that lacks a
     * key bootstrapping or the circuit uses, or holds one too low for the levels it is used at.
     */
    public BootstrappedPass open(String keySetId, BootstrappingKeyFormat.KeySet keys) {
        var ring = parameters().ring();
        for (Map.Entry<Long, Integer> needed : Bootstrapper.galoisKeyLevels(set).entrySet()) {
            SwitchingKey key = keys.bootstrapping().evaluation().galois().get(needed.getKey());
            if (key == null) throw new IllegalArgumentException("bootstrapping's key set lacks the Galois key of element " + needed.getKey());
            if (key.maxLevel(ring) < needed.getValue()) {
                throw new IllegalArgumentException("the Galois key of element " + needed.getKey() + " stops at level " + key.maxLevel(ring)
                        + ", bootstrapping uses it at " + needed.getValue());
            }
        }
        int fresh = circuit.frame().freshLevel();
        var model = keys.model();
        if (model.relinearization().isEmpty() || model.relinearization().get().maxLevel(ring) < fresh
                || model.galois().values().stream().anyMatch(key -> key.maxLevel(ring) < fresh)) {
            throw new IllegalArgumentException("the model's keys must reach level " + fresh + ", where fresh and bootstrapped ciphertexts start");
        }
        int top = ring.qCount() - 1;
        if (keys.bootstrapping().evaluation().relinearization().orElseThrow().maxLevel(ring) < top
                || keys.bootstrapping().fromSparse().maxLevel(ring) < top) {
            throw new IllegalArgumentException("bootstrapping's relinearisation key and the key from the sparse secret must reach the top level " + top);
        }
        EncryptedGpt.Session session = circuit.open(keySetId, keys.model());
        return new BootstrappedPass(session, new Bootstrapper(parameters(), set, keys.bootstrapping(), limbs));
    }

    /** What GET /v1/info says of the non-interactive mode: what a client's key set must be made for. */
    public JsonObject describe(long maxUploadBytes) {
        JsonArray rotations = new JsonArray();
        circuit.rotationSteps().forEach(rotations::add);
        return new JsonObject().put("parameters", parameters().toString()).put("slots", set.slots()).put("rotations", rotations)
                .put("maxUploadBytes", maxUploadBytes);
    }
}
