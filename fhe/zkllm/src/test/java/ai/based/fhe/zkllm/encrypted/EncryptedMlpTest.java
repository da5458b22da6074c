package ai.based.fhe.zkllm.encrypted;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.ring.TestRandomness;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Decryptor;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.PublicKey;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.Weights;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The bundled tiny model's first MLP sublayer evaluated on a real ciphertext of a whole 64-token hidden state
 * (N = 16384, 128-bit), against the same sublayer computed in double precision straight from the weights.
 */
@Tag("model")
class EncryptedMlpTest {

    @Test
    void theEncryptedMlpSublayerMatchesThePlaintextOneOnEveryTokenAndFeature() throws Exception {
        Weights weights = ModelPackage.bundled("tiny").weights();
        Parameters params = Parameters.create(ParametersLiteral.N16384);
        FeatureMajor layout = FeatureMajor.filling(params.slots(), 128);
        assertThat(layout.tokens()).isEqualTo(64);
        EncryptedMlp mlp = new EncryptedMlp(weights, "h.0.", layout);

        Sampler random = TestRandomness.named("encrypted-mlp");
        KeyGenerator keygen = new KeyGenerator(params.ring(), random);
        SecretKey sk = keygen.secretKey();
        PublicKey pk = keygen.publicKey(sk);
        Map<Long, SwitchingKey> galois = new HashMap<>();
        for (int step : mlp.rotationSteps()) galois.computeIfAbsent(Galois.rotationElement(step, params.logN()), e -> keygen.galoisKey(sk, e));
        Evaluator evaluator = new Evaluator(params, new EvaluationKeys(Optional.of(keygen.relinearizationKey(sk)), galois));
        Encoder encoder = new Encoder(params);

        double[][] state = hiddenState(weights, 64);
        Ciphertext x = new Encryptor(params.ring(), random).encrypt(encoder.encode(layout.pack(state), params.maxLevel(),
                params.defaultScale()), pk);
        HeOps ops = new HeOps(evaluator, encoder);
        Ciphertext y = mlp.apply(ops, x);
        assertThat(y.level()).isEqualTo(params.maxLevel() - EncryptedMlp.depth());
        double[][] decrypted = layout.unpack(encoder.decode(new Decryptor(params.ring(), sk).decrypt(y)), 64);

        double[][] expected = plainMlp(weights, state);
        double worst = 0;
        double magnitude = 0;
        for (int t = 0; t < 64; t++) {
            for (int f = 0; f < 128; f++) {
                worst = Math.max(worst, Math.abs(decrypted[t][f] - expected[t][f]));
                magnitude = Math.max(magnitude, Math.abs(expected[t][f]));
            }
        }
        assertThat(magnitude).isGreaterThan(0.1);
        assertThat(worst).as("max abs error against outputs up to %.2f", magnitude).isLessThan(1e-4);

        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            double[] inline = encoder.decode(new Decryptor(params.ring(), sk).decrypt(y));
            Ciphertext spread = new EncryptedMlp(weights, "h.0.", layout, pool, DiagonalCache.none()).apply(ops, x);
            assertThat(encoder.decode(new Decryptor(params.ring(), sk).decrypt(spread))).as("encoding diagonals on a pool changes nothing")
                    .containsExactly(inline);

            DiagonalCache cache = DiagonalCache.upTo(Long.MAX_VALUE);
            EncryptedMlp cached = new EncryptedMlp(weights, "h.0.", layout, pool, cache);
            cached.apply(ops, x);
            int diagonals = cache.size();
            assertThat(diagonals).as("diagonals of 4 blocks up and 4 down").isEqualTo(8 * 128);
            assertThat(cache.hits()).isZero();
            Ciphertext again = cached.apply(ops, x);
            assertThat(cache.hits()).as("the second pass encodes nothing").isEqualTo(diagonals);
            assertThat(cache.size()).isEqualTo(diagonals);
            assertThat(encoder.decode(new Decryptor(params.ring(), sk).decrypt(again))).as("cached diagonals change nothing").containsExactly(inline);

            long oneDiagonal = 8L * (params.maxLevel() + 1) * params.n();
            DiagonalCache small = DiagonalCache.upTo(3 * oneDiagonal);
            EncryptedMlp bounded = new EncryptedMlp(weights, "h.0.", layout, pool, small);
            bounded.apply(ops, x);
            Ciphertext overBudget = bounded.apply(ops, x);
            assertThat(small.size()).isEqualTo(3);
            assertThat(small.bytes()).isLessThanOrEqualTo(3 * oneDiagonal);
            assertThat(encoder.decode(new Decryptor(params.ring(), sk).decrypt(overBudget))).as("a full cache encodes the rest as before")
                    .containsExactly(inline);
        } finally {
            pool.shutdownNow();
        }

        Ciphertext exhausted = evaluator.dropLevel(x, EncryptedMlp.depth() - 1);
        assertThatThrownBy(() -> mlp.apply(ops, exhausted)).hasMessageContaining("refresh it on the client first");
    }

    /** Token plus position embeddings of a fixed token sequence: a realistic layer-0 input. */
    private static double[][] hiddenState(Weights weights, int tokens) {
        float[] wte = weights.get("wte").values();
        float[] wpe = weights.get("wpe").values();
        double[][] state = new double[tokens][128];
        for (int t = 0; t < tokens; t++) {
            int id = (t * 37 + 11) % 1024;
            for (int f = 0; f < 128; f++) state[t][f] = wte[id * 128 + f] + wpe[t * 128 + f];
        }
        return state;
    }

    /** The sublayer as the trained network defines it, in double precision, with the normalisation not folded. */
    private static double[][] plainMlp(Weights w, double[][] x) {
        float[] g = w.get("h.0.ln_2.g").values();
        float[] b = w.get("h.0.ln_2.b").values();
        float[] mean = w.get("h.0.ln_2.running_mean").values();
        float[] var = w.get("h.0.ln_2.running_var").values();
        float[] w1 = w.get("h.0.mlp.c_fc.w").values();
        float[] b1 = w.get("h.0.mlp.c_fc.b").values();
        float[] w2 = w.get("h.0.mlp.c_proj.w").values();
        float[] b2 = w.get("h.0.mlp.c_proj.b").values();
        double[][] out = new double[x.length][128];
        for (int t = 0; t < x.length; t++) {
            double[] n = new double[128];
            for (int f = 0; f < 128; f++) n[f] = (x[t][f] - mean[f]) / Math.sqrt(var[f] + 1e-5) * g[f] + b[f];
            double[] hidden = new double[512];
            for (int h = 0; h < 512; h++) {
                double v = b1[h];
                for (int f = 0; f < 128; f++) v += n[f] * w1[f * 512 + h];
                hidden[h] = 0.125 * v * v + 0.5 * v + 0.25;
            }
            for (int f = 0; f < 128; f++) {
                double v = b2[f];
                for (int h = 0; h < 512; h++) v += hidden[h] * w2[h * 128 + f];
                out[t][f] = v;
            }
        }
        return out;
    }
}
