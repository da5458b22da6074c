package ai.based.cli.query;

import ai.based.client.InvalidInputException;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.circuits.BootstrapParameters;
import ai.based.fhe.circuits.Bootstrapper;
import ai.based.fhe.circuits.BootstrappingKeys;
import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.zkllm.encrypted.BootstrappedPass;
import ai.based.fhe.zkllm.encrypted.CircuitFrame;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.encrypted.PassEvaluator;
import ai.based.fhe.zkllm.encrypted.WirePass;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.miner.remote.BootstrappingKeyFormat;
import ai.based.miner.remote.EvaluationKeyFormat;
import java.util.concurrent.ExecutorService;

/**
 * One query's client and key set, in either mode: interactive (N = 2^14; the client answers the miner's round trips)
 * or non-interactive (N = 2^16 with the model's 8,192 slots and bootstrapping keys; the miner asks nothing). The client
 * derives the rotations it makes keys for from its own copy of the model, never from a miner's word.
 */
final class QueryKeys {
    /** The bootstrapping set non-interactive queries run at: the miner's {@code miner start --non-interactive} serves it. */
    static final BootstrapParameters NON_INTERACTIVE = BootstrapParameters.N16_MODEL;

    private final EncryptedGpt circuit;
    private final ZkllmClient client;
    private final EvaluationKeys keys;
    private final BootstrappingKeys bootstrapping;
    private final double keygenSeconds;

    private QueryKeys(EncryptedGpt circuit, ZkllmClient client, EvaluationKeys keys, BootstrappingKeys bootstrapping, double keygenSeconds) {
        this.circuit = circuit;
        this.client = client;
        this.keys = keys;
        this.bootstrapping = bootstrapping;
        this.keygenSeconds = keygenSeconds;
    }

    /** @param local the miner's side runs in this process: its encoded diagonals may take half the heap */
    static QueryKeys interactive(ModelPackage pkg, ExecutorService pool, boolean local) {
        Parameters params = Parameters.create(EncryptedGpt.PARAMETERS);
        EncryptedGpt circuit = new EncryptedGpt(pkg.config(), pkg.weights(), params, pool, pool, local ? DiagonalCache.halfOfHeap() : DiagonalCache.none());
        long k0 = System.nanoTime();
        ZkllmClient client = new ZkllmClient(params, new PlainGpt(pkg.config(), pkg.weights()), Sampler.secure());
        EvaluationKeys keys = client.evaluationKeys(circuit.rotationSteps());
        return new QueryKeys(circuit, client, keys, null, (System.nanoTime() - k0) / 1e9);
    }

    /** Refuses, before any key is made, a model that cannot run without round trips (an unbounded attention divisor). */
    static QueryKeys nonInteractive(ModelPackage pkg, ExecutorService pool) {
        try {
            BootstrappedPass.check(pkg.config(), Bootstrapper.outputLevel(NON_INTERACTIVE));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--non-interactive: " + e.getMessage(), e);
        }
        Parameters params = Parameters.create(NON_INTERACTIVE.ckks());
        CircuitFrame frame = new CircuitFrame(params, NON_INTERACTIVE.slots(), Bootstrapper.outputLevel(NON_INTERACTIVE));
        EncryptedGpt circuit = new EncryptedGpt(pkg.config(), pkg.weights(), frame, pool, pool, DiagonalCache.none());
        long k0 = System.nanoTime();
        ZkllmClient client = new ZkllmClient(frame, new PlainGpt(pkg.config(), pkg.weights()), Sampler.secure());
        EvaluationKeys keys = client.evaluationKeys(circuit.rotationSteps()).lean();
        BootstrappingKeys bootstrapping = client.bootstrappingKeys(NON_INTERACTIVE);
        return new QueryKeys(circuit, client, keys, bootstrapping, (System.nanoTime() - k0) / 1e9);
    }

    ZkllmClient client() {
        return client;
    }

    boolean nonInteractive() {
        return bootstrapping != null;
    }

    /** What the key set is, for the query's output. */
    String describe() {
        String common = String.format("client keys: %.1f s, %d Galois keys", keygenSeconds, keys.galois().size());
        if (!nonInteractive()) {
            return common + String.format("; evaluation keys %,d bytes to the miner (once per key set)", client.bytes(keys));
        }
        return common + String.format(" and bootstrapping's %d; %,d bytes to the miner (once per key set), %,d in its memory",
                bootstrapping.evaluation().galois().size(), new BootstrappingKeyFormat(circuit.parameters()).size(keys, bootstrapping),
                keys.bytes() + bootstrapping.bytes());
    }

    String parameters() {
        return circuit.parameters().toString();
    }

    /** Puts the key set on a miner: the interactive one, or the model's and bootstrapping's keys together. */
    RemoteGeneration.KeyUpload upload() {
        if (!nonInteractive()) return miner -> miner.uploadKeys(client.keySetId(), keys, new EvaluationKeyFormat(circuit.parameters()));
        return miner -> miner.uploadBootstrappingKeys(client.keySetId(), keys, bootstrapping, new BootstrappingKeyFormat(circuit.parameters()));
    }

    /** The miner's side in this process: the pass with the client's round trips, or with bootstrapping on {@code limbs}. */
    PassEvaluator inProcess(ExecutorService limbs) {
        EncryptedGpt.Session session = circuit.open(client.keySetId(), keys);
        if (!nonInteractive()) return new WirePass(session);
        return new BootstrappedPass(session, new Bootstrapper(circuit.parameters(), NON_INTERACTIVE, bootstrapping, LimbParallelism.on(limbs)));
    }
}
