package ai.based.cli.bench;

import ai.based.cli.BaseCommand;
import ai.based.fhe.ckks.ckks.Encoder;
import ai.based.fhe.ckks.ckks.EvaluationKeys;
import ai.based.fhe.ckks.ckks.Evaluator;
import ai.based.fhe.ckks.ckks.Parameters;
import ai.based.fhe.ckks.ckks.ParametersLiteral;
import ai.based.fhe.ckks.io.Serializer;
import ai.based.fhe.ckks.ring.Galois;
import ai.based.fhe.ckks.ring.LimbParallelism;
import ai.based.fhe.ckks.ring.Sampler;
import ai.based.fhe.ckks.rlwe.Ciphertext;
import ai.based.fhe.ckks.rlwe.Decryptor;
import ai.based.fhe.ckks.rlwe.Encryptor;
import ai.based.fhe.ckks.rlwe.KeyGenerator;
import ai.based.fhe.ckks.rlwe.SwitchingKey;
import ai.based.fhe.zkllm.encrypted.EncryptedMlp;
import ai.based.fhe.zkllm.encrypted.FeatureMajor;
import ai.based.fhe.zkllm.model.ModelPackage;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What exists of the encrypted pipeline, timed on the bundled tiny model at N=16384: the client's encrypt and decrypt
 * of a whole 64-token state, each layer's MLP sublayer under encryption (single-threaded and limb-parallel), the
 * bytes that cross the wire, and the plaintext perplexities from the model card. Encrypted attention is not built
 * yet, so there is no per-token figure.
 */
@Command(name = "zkllm", description = "Encrypted MLP sublayers of the bundled tiny model (N=16384): client encrypt/decrypt, miner time, bytes.")
public final class BenchZkllmCommand extends BaseCommand {
    @Option(names = "--runs", defaultValue = "3", description = "timed runs per figure (median) (default: ${DEFAULT-VALUE})")
    int runs;

    @Override
    protected void run() throws Exception {
        out().println(MachineLoad.describe());
        ModelPackage tiny = ModelPackage.bundled("tiny");
        Parameters params = Parameters.create(ParametersLiteral.N16384);
        FeatureMajor layout = FeatureMajor.filling(params.slots(), tiny.config().dModel());
        Sampler random = Sampler.secure();
        KeyGenerator keygen = new KeyGenerator(params.ring(), random);
        long k0 = System.nanoTime();
        var sk = keygen.secretKey();
        var pk = keygen.publicKey(sk);
        EncryptedMlp[] layers = new EncryptedMlp[tiny.config().layers()];
        for (int l = 0; l < layers.length; l++) layers[l] = new EncryptedMlp(tiny.weights(), "h." + l + ".", layout);
        Map<Long, SwitchingKey> galois = new HashMap<>();
        for (int step : layers[0].rotationSteps()) galois.computeIfAbsent(Galois.rotationElement(step, params.logN()), e -> keygen.galoisKey(sk, e));
        var relin = keygen.relinearizationKey(sk);
        double keygenSeconds = (System.nanoTime() - k0) / 1e9;
        Serializer serializer = new Serializer(params);
        long keyBytes = serializer.write(relin).length + galois.values().stream().mapToLong(k -> serializer.write(k).length).sum();

        Evaluator evaluator = new Evaluator(params, new EvaluationKeys(Optional.of(relin), galois));
        Encoder encoder = new Encoder(params);
        Encryptor encryptor = new Encryptor(params.ring(), random);
        Decryptor decryptor = new Decryptor(params.ring(), sk);
        double[] state = layout.pack(embedding(tiny, layout.tokens()));
        double encryptMs = median(() -> encryptor.encrypt(encoder.encode(state, params.maxLevel(), params.defaultScale()), pk));
        Ciphertext x = encryptor.encrypt(encoder.encode(state, params.maxLevel(), params.defaultScale()), pk);
        Ciphertext y = layers[0].apply(evaluator, encoder, x);
        double decryptMs = median(() -> encoder.decode(decryptor.decrypt(y)));

        out().printf("model: %s, %,d parameters; CKKS N=16384, 128-bit, %d slots = %d tokens x %d features per ciphertext%n",
                tiny.config().name(), tiny.card().parameters(), params.slots(), layout.tokens(), layout.features());
        out().printf("client: keygen (secret, public, relinearisation, %d Galois keys) %.2f s; encode+encrypt a 64-token state %.1f ms; "
                + "decrypt+decode %.1f ms%n", galois.size(), keygenSeconds, encryptMs, decryptMs);
        out().printf("bytes: state ciphertext %,d up; result %,d down (level %d); evaluation keys %,d (sent once)%n",
                serializer.write(x).length, serializer.write(y).length, y.level(), keyBytes);
        for (int l = 0; l < layers.length; l++) {
            EncryptedMlp layer = layers[l];
            out().printf("miner: layer %d MLP sublayer (128 -> 512 -> 128, 4 levels) %.2f s single-threaded%n", l,
                    median(() -> layer.apply(evaluator, encoder, x)) / 1e3);
        }
        var pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try {
            Evaluator parallel = evaluator.withLimbParallelism(LimbParallelism.on(pool));
            EncryptedMlp spread = new EncryptedMlp(tiny.weights(), "h.0.", layout, pool);
            out().printf("miner: layer 0 MLP sublayer %.2f s limb-parallel, %.2f s with diagonals also encoded in parallel, on %d threads%n",
                    median(() -> layers[0].apply(parallel, encoder, x)) / 1e3, median(() -> spread.apply(parallel, encoder, x)) / 1e3,
                    Runtime.getRuntime().availableProcessors());
        } finally {
            pool.shutdownNow();
        }
        out().printf("plaintext (model card): validation perplexity %.1f vs unigram %.1f; the softmax twin's is in the README%n",
                tiny.card().validationPerplexity(), tiny.card().unigramPerplexity());
        out().println("not measured yet: seconds per generated token, refresh rounds, squeezed model (encrypted attention is not built)");
    }

    private static double[][] embedding(ModelPackage tiny, int tokens) {
        float[] wte = tiny.weights().get("wte").values();
        float[] wpe = tiny.weights().get("wpe").values();
        int d = tiny.config().dModel();
        double[][] state = new double[tokens][d];
        var ids = tiny.tokenizer().encode("In the beginning God created the heaven and the earth. And the earth was without form, and void; "
                + "and darkness was upon the face of the deep. And the Spirit of God moved upon the face of the waters.");
        for (int t = 0; t < tokens; t++) {
            int id = ids.get(t % ids.size());
            for (int f = 0; f < d; f++) state[t][f] = wte[id * d + f] + wpe[t * d + f];
        }
        return state;
    }

    private double median(Supplier<?> work) {
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            work.get();
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(times);
        return times[runs / 2];
    }
}
