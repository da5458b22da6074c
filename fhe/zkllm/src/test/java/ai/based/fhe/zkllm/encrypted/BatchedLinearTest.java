package ai.based.fhe.zkllm.encrypted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.InsecureParameters;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The feature-major matrix product on small rings (fast tier; the model tier runs it inside the tiny model): Σ_k x_k
 * W_k for two inputs, and several outputs sharing the inputs' baby rotations with a block left out, decrypt to the
 * plaintext products for every token and feature; the rotations it counts are the baby-step giant-step plan's; the
 * result is one level down at the input's scale; mismatched inputs and blocks are refused before any rotation.
 */
class BatchedLinearTest {
    private static final int FEATURES = 16;
    private static final Parameters PARAMS = InsecureParameters.forTest("batched linear",
            new ParametersLiteral(11, List.of(55, 40, 40), List.of(60), 40));
    private static final FeatureMajor LAYOUT = FeatureMajor.filling(PARAMS.slots(), FEATURES);
    private static final BatchedLinear LINEAR = new BatchedLinear(LAYOUT);

    private final Sampler random = TestRandomness.named("batched-linear");
    private final KeyGenerator keygen = new KeyGenerator(PARAMS.ring(), random);
    private final SecretKey sk = keygen.secretKey();
    private final PublicKey pk = keygen.publicKey(sk);
    private final Encoder encoder = new Encoder(PARAMS);
    private final HeOps ops = new HeOps(new Evaluator(PARAMS, keys()), encoder);

    private EvaluationKeys keys() {
        Map<Long, SwitchingKey> galois = new HashMap<>();
        for (int step : LINEAR.rotationSteps()) {
            long g = Galois.rotationElement(step, PARAMS.logN());
            galois.put(g, keygen.galoisKey(sk, g));
        }
        return new EvaluationKeys(Optional.empty(), galois);
    }

    @Test
    void aSumOfTwoProductsDecryptsToThePlaintextProductsForEveryTokenAndFeature() {
        double[][] x1 = state(1);
        double[][] x2 = state(2);
        double[][] w1 = block(3);
        double[][] w2 = block(4);
        Ciphertext c1 = encrypt(x1);
        Ciphertext c2 = encrypt(x2);

        Ciphertext y = LINEAR.apply(ops, List.of(c1, c2), List.of(w1, w2));

        assertThat(y.level()).isEqualTo(c1.level() - 1);
        assertThat(y.scale()).isEqualTo(c1.scale(), org.assertj.core.data.Offset.offset(c1.scale() * 1e-12));
        assertClose(decrypt(y), add(times(x1, w1), times(x2, w2)));
        int babies = (int) Math.sqrt(FEATURES);
        assertThat(ops.count(HeOps.Op.ROTATION)).as("baby rotations per input, giant rotations shared")
                .isEqualTo(2L * (babies - 1) + (FEATURES / babies - 1));
    }

    @Test
    void outputsSharingTheInputsBabyRotationsEachGetTheirOwnProduct() {
        double[][] x1 = state(5);
        double[][] x2 = state(6);
        double[][] a = block(7);
        double[][] b = block(8);
        double[][] c = block(9);
        List<Ciphertext> ys = LINEAR.applyEach(ops, List.of(encrypt(x1), encrypt(x2)),
                List.of(List.of(a, b), Arrays.<double[][]>asList(null, c)));
        assertClose(decrypt(ys.get(0)), add(times(x1, a), times(x2, b)));
        assertClose(decrypt(ys.get(1)), times(x2, c));
    }

    @Test
    void mismatchedInputsAndBlocksAreRefusedBeforeAnyRotation() {
        Ciphertext c = encrypt(state(10));
        assertThatThrownBy(() -> LINEAR.apply(ops, List.of(c, c), List.<double[][]>of(block(11)))).hasMessageContaining("2 inputs for 1 matrix blocks");
        assertThatThrownBy(() -> LINEAR.apply(ops, List.of(), List.of())).hasMessageContaining("0 inputs");
        assertThat(ops.count(HeOps.Op.ROTATION)).isZero();
    }

    private Ciphertext encrypt(double[][] state) {
        return new Encryptor(PARAMS.ring(), random).encrypt(encoder.encode(LAYOUT.pack(state), PARAMS.maxLevel(), PARAMS.defaultScale()), pk);
    }

    private double[][] decrypt(Ciphertext c) {
        return LAYOUT.unpack(encoder.decode(new Decryptor(PARAMS.ring(), sk).decrypt(c)), LAYOUT.tokens());
    }

    private static double[][] state(long seed) {
        Random r = new Random(seed);
        double[][] s = new double[LAYOUT.tokens()][FEATURES];
        for (double[] row : s) for (int f = 0; f < FEATURES; f++) row[f] = r.nextDouble() * 2 - 1;
        return s;
    }

    private static double[][] block(long seed) {
        Random r = new Random(seed);
        double[][] w = new double[FEATURES][FEATURES];
        for (double[] row : w) for (int f = 0; f < FEATURES; f++) row[f] = (r.nextDouble() * 2 - 1) / FEATURES;
        return w;
    }

    /** x W per token: y[t][c] = Σ_r x[t][r] W[r][c]. */
    private static double[][] times(double[][] x, double[][] w) {
        double[][] y = new double[x.length][FEATURES];
        for (int t = 0; t < x.length; t++) for (int c = 0; c < FEATURES; c++) for (int r = 0; r < FEATURES; r++) y[t][c] += x[t][r] * w[r][c];
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] s = new double[a.length][FEATURES];
        for (int t = 0; t < a.length; t++) for (int f = 0; f < FEATURES; f++) s[t][f] = a[t][f] + b[t][f];
        return s;
    }

    private static void assertClose(double[][] actual, double[][] expected) {
        double worst = 0;
        for (int t = 0; t < expected.length; t++) for (int f = 0; f < FEATURES; f++) worst = Math.max(worst, Math.abs(actual[t][f] - expected[t][f]));
        assertThat(worst).as("largest error over every token and feature").isLessThan(1e-4);
    }
}
