package ai.based.cli.bench;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGeneration;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.encrypted.HeOps;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.model.Weights;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * One client's keys and encrypted passes over a prompt, as a miner serving it sees them: the first encodes the model's
 * diagonals into the cache; the figure per generated token is the median of the next {@link #WARM_PASSES}, which reuse
 * them (single passes on this shared machine vary by 10-20%).
 */
public record EncryptedPassTiming(double keygenSeconds, long keyBytes, double encryptSeconds, double firstPassSeconds, double minerSeconds,
        double decryptSeconds, long bytesUp, long bytesDown, int rounds, long keySwitches, long cacheBytes, Agreement agreement) {
    static final int WARM_PASSES = 3;

    /** The last pass's decrypted logits against the plaintext model's: positions whose argmax agrees, the largest error. */
    public record Agreement(int positions, int agreeing, double worstLogitError) {}

    /** Seconds of one generated token: the miner's warm pass and the client's encryption and decryption. */
    public double perToken() {
        return minerSeconds + encryptSeconds + decryptSeconds;
    }

    /** @param pool where diagonals are encoded and attention's offset groups run ({@code Runnable::run}: one thread) */
    public static EncryptedPassTiming measure(Parameters params, PlainGpt plain, Weights weights, int[] prompt, Executor pool) {
        EncryptedGpt circuit = new EncryptedGpt(plain.config(), weights, params, pool, pool, DiagonalCache.halfOfHeap());
        long k0 = System.nanoTime();
        ZkllmClient client = new ZkllmClient(params, plain, Sampler.secure());
        EvaluationKeys keys = client.evaluationKeys(circuit.rotationSteps());
        double keygen = (System.nanoTime() - k0) / 1e9;
        EncryptedGpt.Session miner = circuit.open(client.keySetId(), keys);
        long f0 = System.nanoTime();
        miner.logits(client.keySetId(), client.encryptPrompts(List.of(prompt)), client.segments(), client);
        double firstPass = (System.nanoTime() - f0) / 1e9;
        double[][] passes = new double[WARM_PASSES][];
        double[][][] decrypted = null;
        long up = 0;
        for (int pass = 0; pass < WARM_PASSES; pass++) {
            miner.ops().reset();
            client.resetTraffic();
            long t0 = System.nanoTime();
            Ciphertext state = client.encryptPrompts(List.of(prompt));
            long t1 = System.nanoTime();
            up = client.traffic().bytesUp();
            client.resetTraffic();
            List<Ciphertext> logits = miner.logits(client.keySetId(), state, client.segments(), client);
            long t2 = System.nanoTime();
            decrypted = client.decryptLogits(logits);
            long t3 = System.nanoTime();
            passes[pass] = new double[] {(t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9};
        }
        Arrays.sort(passes, java.util.Comparator.comparingDouble(p -> p[0] + p[1] + p[2]));
        double[] median = passes[WARM_PASSES / 2];
        // the round trips' client work happens inside the miner's call; it is small (decrypt + encrypt of 2-3 ciphertexts)
        return new EncryptedPassTiming(keygen, client.bytes(keys), median[0], firstPass, median[1], median[2],
                up + client.traffic().bytesUp(), client.traffic().bytesDown(), client.traffic().rounds(),
                miner.ops().count(HeOps.Op.ROTATION) + miner.ops().count(HeOps.Op.RELINEARIZATION), circuit.cache().bytes(),
                agreement(plain.logits(prompt), decrypted[0]));
    }

    private static Agreement agreement(double[][] expected, double[][] actual) {
        int agreeing = 0;
        double worst = 0;
        for (int t = 0; t < expected.length; t++) {
            if (EncryptedGeneration.argmax(expected[t]) == EncryptedGeneration.argmax(actual[t])) agreeing++;
            for (int v = 0; v < expected[t].length; v++) worst = Math.max(worst, Math.abs(expected[t][v] - actual[t][v]));
        }
        return new Agreement(expected.length, agreeing, worst);
    }

    /**
     * Seconds per key switch on this machine, single-threaded: the median of rotations of a fresh ciphertext at the
     * middle of the circuit's chain (N = 2^14, the level where most of attention runs).
     */
    public static double secondsPerKeySwitch() {
        var params = Parameters.create(EncryptedGpt.PARAMETERS);
        var random = Sampler.secure();
        var keygen = new KeyGenerator(params.ring(), random);
        var sk = keygen.secretKey();
        long element = Galois.rotationElement(64, params.logN());
        var evaluator = new Evaluator(params, new EvaluationKeys(Optional.empty(),
                Map.of(element, keygen.galoisKey(sk, element))));
        var encoder = new Encoder(params);
        int level = params.maxLevel() - 3;
        var ct = new Encryptor(params.ring(), random).encrypt(encoder.encode(new double[params.slots()], level,
                params.defaultScale()), keygen.publicKey(sk));
        double[] times = new double[7];
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            evaluator.rotate(ct, 64).readPoly(0); // the result on the host: an accelerator's work only queues
            times[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }
}
