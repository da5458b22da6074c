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
import ai.based.miner.remote.BootstrappingKeyFile;
import ai.based.miner.remote.BootstrappingKeyFormat;
import ai.based.miner.remote.EvaluationKeyFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * One query's client and key set, in either mode: interactive (N = 2^14; the client answers the miner's round trips)
 * or non-interactive (N = 2^16 with the model's 8,192 slots and bootstrapping keys; the miner asks nothing). The client
 * derives the rotations it makes keys for from its own copy of the model, never from a miner's word.
 */
final class QueryKeys implements AutoCloseable {
    /** The bootstrapping set non-interactive queries run at: the miner's {@code miner start --non-interactive} serves it. */
    static final BootstrapParameters NON_INTERACTIVE = BootstrapParameters.N16_MODEL;

    private final EncryptedGpt circuit;
    private final ZkllmClient client;
    /** The keys in memory: the interactive set, or a non-interactive one run in this process ({@code --local}). */
    private final EvaluationKeys keys;
    private final BootstrappingKeys bootstrapping;
    /** A non-interactive set for remote miners, made into a file key by key: the client never holds it whole. */
    private final BootstrappingKeyFile keyFile;
    private final double keygenSeconds;

    private QueryKeys(EncryptedGpt circuit, ZkllmClient client, EvaluationKeys keys, BootstrappingKeys bootstrapping, BootstrappingKeyFile keyFile,
            double keygenSeconds) {
        this.circuit = circuit;
        this.client = client;
        this.keys = keys;
        this.bootstrapping = bootstrapping;
        this.keyFile = keyFile;
        this.keygenSeconds = keygenSeconds;
    }

    /** @param local the miner's side runs in this process: its encoded diagonals may take half the heap */
    static QueryKeys interactive(ModelPackage pkg, ExecutorService pool, boolean local) {
        Parameters params = Parameters.create(EncryptedGpt.PARAMETERS);
        EncryptedGpt circuit = new EncryptedGpt(pkg.config(), pkg.weights(), params, pool, pool, local ? DiagonalCache.halfOfHeap() : DiagonalCache.none());
        long k0 = System.nanoTime();
        ZkllmClient client = new ZkllmClient(params, new PlainGpt(pkg.config(), pkg.weights()), Sampler.secure());
        EvaluationKeys keys = client.evaluationKeys(circuit.rotationSteps());
        return new QueryKeys(circuit, client, keys, null, null, (System.nanoTime() - k0) / 1e9);
    }

    /**
     * Refuses, before any key is made, a model that cannot run without round trips (an unbounded attention divisor).
     *
     * @param keyDirectory where a set for remote miners is written (null: {@code --local}, the keys stay in memory
     *     for the miner's side in this process)
     */
    static QueryKeys nonInteractive(ModelPackage pkg, ExecutorService pool, Path keyDirectory) {
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
        if (keyDirectory != null) {
            BootstrappingKeyFile file;
            try {
                file = BootstrappingKeyFile.write(keyDirectory, client.evaluationKeyPlan(circuit.rotationSteps()),
                        client.bootstrappingKeyPlan(NON_INTERACTIVE), new BootstrappingKeyFormat(circuit.parameters()));
            } catch (IOException e) {
                throw new InvalidInputException(e.getMessage(), e);
            }
            return new QueryKeys(circuit, client, null, null, file, (System.nanoTime() - k0) / 1e9);
        }
        EvaluationKeys keys = client.evaluationKeys(circuit.rotationSteps()).compact();
        BootstrappingKeys bootstrapping = client.bootstrappingKeys(NON_INTERACTIVE);
        return new QueryKeys(circuit, client, keys, bootstrapping, null, (System.nanoTime() - k0) / 1e9);
    }

    /** Whether {@code pkg} can run without round trips (a bounded attention divisor within the bootstrapped chain). */
    static boolean runsWithoutRoundTrips(ModelPackage pkg) {
        try {
            BootstrappedPass.check(pkg.config(), Bootstrapper.outputLevel(NON_INTERACTIVE));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The CKKS parameters a key set of the mode is made for, as miners announce theirs. */
    static String parameters(boolean nonInteractive) {
        return Parameters.create(nonInteractive ? NON_INTERACTIVE.ckks() : EncryptedGpt.PARAMETERS).toString();
    }

    ZkllmClient client() {
        return client;
    }

    boolean nonInteractive() {
        return bootstrapping != null || keyFile != null;
    }

    /** What the key set is, for the query's output. */
    String describe() {
        if (keyFile != null) {
            // each count less the relinearisation key
            return String.format("client keys: %.1f s, %d Galois keys and bootstrapping's %d, written to a file as made; %,d bytes to the miner "
                    + "(once per key set), %,d in its memory", keygenSeconds, keyFile.modelKeys() - 1, keyFile.bootstrappingKeys() - 1,
                    keyFile.bytes(), keyFile.minerMemoryBytes());
        }
        String common = String.format("client keys: %.1f s, %d Galois keys", keygenSeconds, keys.galois().size());
        if (!nonInteractive()) {
            return common + String.format("; evaluation keys %,d bytes to the miner (once per key set)", client.bytes(keys));
        }
        return common + String.format(" and bootstrapping's %d; held in memory for the miner's side in this process, %,d bytes",
                bootstrapping.evaluation().galois().size(), keys.bytes() + bootstrapping.bytes());
    }

    String parameters() {
        return circuit.parameters().toString();
    }

    /** Puts the key set on a miner: the interactive one, or the model's and bootstrapping's keys together. */
    RemoteGeneration.KeyUpload upload() {
        if (keyFile != null) return miner -> miner.uploadBootstrappingKeys(client.keySetId(), keyFile);
        if (nonInteractive()) throw new IllegalStateException("a non-interactive key set made for --local is not uploaded");
        return miner -> miner.uploadKeys(client.keySetId(), keys, new EvaluationKeyFormat(circuit.parameters()));
    }

    /** The miner's side in this process: the pass with the client's round trips, or with bootstrapping on {@code limbs}. */
    PassEvaluator inProcess(ExecutorService limbs) {
        if (keyFile != null) throw new IllegalStateException("a key set made for remote miners is in a file, not in memory");
        EncryptedGpt.Session session = circuit.open(client.keySetId(), keys);
        if (!nonInteractive()) return new WirePass(session);
        return new BootstrappedPass(session, new Bootstrapper(circuit.parameters(), NON_INTERACTIVE, bootstrapping, LimbParallelism.on(limbs)));
    }

    /** Deletes the key set's file, if there is one. */
    @Override
    public void close() throws IOException {
        if (keyFile != null) keyFile.close();
    }
}
