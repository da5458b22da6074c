package ai.based.fhe.circuits;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Encoder;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Circuits at N = 16384 (depth 6): Chebyshev approximations and matrix-vector products against plaintext. */
class CircuitsTest {
    private static Parameters params;
    private static SecretKey sk;
    private static PublicKey pk;
    private static Encoder encoder;
    private static Encryptor encryptor;
    private static Decryptor decryptor;
    private static Evaluator evaluator;
    private static final LinearTransform SQUARE = new LinearTransform(matrix(128, 128, 5));
    private static final LinearTransform WIDE = new LinearTransform(matrix(128, 512, 6));

    @BeforeAll
    static void keys() {
        params = Parameters.create(ParametersLiteral.N16384);
        Sampler random = TestRandomness.named("circuits");
        KeyGenerator keygen = new KeyGenerator(params.ring(), random);
        sk = keygen.secretKey();
        pk = keygen.publicKey(sk);
        Map<Long, SwitchingKey> galois = new HashMap<>();
        for (LinearTransform t : List.of(SQUARE, WIDE)) {
            for (int step : t.rotationSteps()) {
                long g = Galois.rotationElement(step, params.logN());
                galois.computeIfAbsent(g, e -> keygen.galoisKey(sk, e));
            }
        }
        encoder = new Encoder(params);
        encryptor = new Encryptor(params.ring(), random);
        decryptor = new Decryptor(params.ring(), sk);
        evaluator = new Evaluator(params, new EvaluationKeys(Optional.of(keygen.relinearizationKey(sk)), galois));
    }

    private static double[][] matrix(int rows, int cols, long seed) {
        Random random = new Random(seed);
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int c = 0; c < cols; c++) row[c] = (random.nextDouble() * 2 - 1) / Math.sqrt(cols);
        return m;
    }

    private static Ciphertext encrypt(double[] values) {
        return encryptor.encrypt(encoder.encode(values, params.maxLevel(), params.defaultScale()), pk);
    }

    private static double[] decrypt(Ciphertext ct) {
        return encoder.decode(decryptor.decrypt(ct));
    }

    @Test
    void chebyshevApproximationsOfReluLikeAndExpLikeFunctions() {
        double[] x = new double[params.slots()];
        Random random = new Random(9);
        for (int i = 0; i < x.length; i++) x[i] = random.nextDouble() * 8 - 4;
        Ciphertext ct = encrypt(x);
        Chebyshev gelu = Chebyshev.approximate(v -> v / (1 + Math.exp(-1.702 * v)), -4, 4, 7);
        Chebyshev exp = Chebyshev.approximate(Math::exp, -4, 4, 7);
        Chebyshev relu15 = Chebyshev.approximate(v -> Math.sqrt(v * v + 0.01) / 2 + v / 2, -4, 4, 15);
        for (Chebyshev poly : List.of(gelu, exp, relu15)) {
            double[] out = decrypt(poly.evaluate(evaluator, ct));
            double max = 0;
            for (int i = 0; i < x.length; i++) max = Math.max(max, Math.abs(out[i] - poly.value(x[i])));
            assertThat(max).as("encrypted vs plaintext polynomial").isLessThan(1e-4);
        }
        assertThat(Math.abs(gelu.value(3) - 3 / (1 + Math.exp(-1.702 * 3)))).as("approximation quality").isLessThan(0.05);
    }

    @Test
    void inverseSquareRootAndInverseByNewtonOnAKnownInterval() {
        double[] x = new double[params.slots()];
        Random random = new Random(11);
        for (int i = 0; i < x.length; i++) x[i] = 0.5 + random.nextDouble() * 1.5;
        Ciphertext ct = encrypt(x);
        Newton newton = new Newton(evaluator);
        double[] invSqrt = decrypt(newton.inverseSqrt(ct, 0.5, 2, 1));
        double[] inv = decrypt(newton.inverse(ct, 0.5, 2, 2));
        double mirrorSqrt = 0;
        double mirrorInv = 0;
        double trueSqrt = 0;
        double trueInv = 0;
        for (int i = 0; i < x.length; i++) {
            mirrorSqrt = Math.max(mirrorSqrt, Math.abs(invSqrt[i] - Newton.inverseSqrtValue(x[i], 0.5, 2, 1)));
            mirrorInv = Math.max(mirrorInv, Math.abs(inv[i] - Newton.inverseValue(x[i], 0.5, 2, 2)));
            trueSqrt = Math.max(trueSqrt, Math.abs(invSqrt[i] - 1 / Math.sqrt(x[i])));
            trueInv = Math.max(trueInv, Math.abs(inv[i] - 1 / x[i]));
        }
        assertThat(mirrorSqrt).as("encrypted vs plaintext Newton, 1/sqrt").isLessThan(1e-5);
        assertThat(mirrorInv).as("encrypted vs plaintext Newton, 1/x").isLessThan(1e-5);
        assertThat(trueSqrt).as("one step from the secant").isLessThan(0.06);
        assertThat(trueInv).as("two steps from the secant: relative error 0.5 squares to 0.06").isLessThan(0.1);
    }

    @Test
    void matrixVectorProducts128x128And128x512() {
        for (LinearTransform transform : List.of(SQUARE, WIDE)) {
            int cols = transform == SQUARE ? 128 : 512;
            double[][] m = transform == SQUARE ? matrix(128, 128, 5) : matrix(128, 512, 6);
            double[] v = new double[cols];
            Random random = new Random(cols);
            for (int i = 0; i < cols; i++) v[i] = random.nextDouble() * 2 - 1;
            Ciphertext result = transform.apply(evaluator, encoder, encrypt(transform.layout(v, params.slots())));
            double[] out = decrypt(result);
            double max = 0;
            for (int r = 0; r < 128; r++) {
                double expected = 0;
                for (int c = 0; c < cols; c++) expected += m[r][c] * v[c];
                max = Math.max(max, Math.abs(out[r] - expected));
            }
            assertThat(max).as("%d columns", cols).isLessThan(1e-5);
            assertThat(result.level()).isEqualTo(params.maxLevel() - 1);
        }
    }
}
