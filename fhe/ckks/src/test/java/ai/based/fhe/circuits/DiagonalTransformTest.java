package ai.based.fhe.circuits;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Encoder;
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
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A sparse complex matrix held by its diagonals (offsets on both sides of zero, a common stride, so babies and giants
 * of both signs) applied to an encrypted complex vector replicated over the slots, against the same matrix applied in
 * plaintext, on every slot: one level down, the scale moved by the ratio asked for; with one and several special
 * primes (the giant steps' division by P then spans several primes).
 */
class DiagonalTransformTest {
    private static final int N = 64;

    @ParameterizedTest(name = "{0} special primes")
    @ValueSource(ints = {1, 2})
    void aSparseComplexMatrixTimesAnEncryptedVectorMatchesThePlaintextProduct(int specialPrimes) {
        Parameters params = InsecureParameters.forTest("diagonal transform " + specialPrimes,
                new ParametersLiteral(11, List.of(55, 40, 40), java.util.Collections.nCopies(specialPrimes, 55), 40));
        DiagonalMatrix matrix = new DiagonalMatrix(N);
        Random random = new Random(specialPrimes);
        for (int offset : new int[] {0, 4, 8, 12, 20, N - 4, N - 8, N - 28}) {
            for (int k = 0; k < N; k++) matrix.add(offset, k, random.nextDouble() - 0.5, random.nextDouble() - 0.5);
        }
        DiagonalTransform transform = new DiagonalTransform(matrix);

        Sampler randomness = TestRandomness.named("diagonal-transform-" + specialPrimes);
        KeyGenerator keygen = new KeyGenerator(params.ring(), randomness);
        SecretKey sk = keygen.secretKey();
        Map<Long, SwitchingKey> galois = new HashMap<>();
        for (int step : transform.rotationSteps()) {
            long g = Galois.rotationElement(step, params.logN());
            galois.put(g, keygen.galoisKey(sk, g));
        }
        Evaluator evaluator = new Evaluator(params, new EvaluationKeys(Optional.empty(), galois));
        Encoder encoder = new Encoder(params);
        double[] re = new double[N];
        double[] im = new double[N];
        for (int k = 0; k < N; k++) {
            re[k] = random.nextDouble() * 2 - 1;
            im[k] = random.nextDouble() * 2 - 1;
        }
        Ciphertext x = new Encryptor(params.ring(), randomness).encrypt(
                encoder.encode(replicate(re, params.slots()), replicate(im, params.slots()), params.maxLevel(), params.defaultScale()),
                keygen.publicKey(sk));

        double ratio = 0.5;
        Ciphertext y = transform.apply(evaluator, encoder, x, ratio);

        assertThat(y.level()).isEqualTo(x.level() - 1);
        assertThat(y.scale() / (x.scale() * ratio)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        double[][] expected = matrix.apply(re, im);
        double[][] actual = encoder.decodeComplex(new Decryptor(params.ring(), sk).decrypt(y));
        double worst = 0;
        for (int s = 0; s < params.slots(); s++) {
            worst = Math.max(worst, Math.abs(actual[0][s] - expected[0][s % N]));
            worst = Math.max(worst, Math.abs(actual[1][s] - expected[1][s % N]));
        }
        assertThat(worst).as("largest error over every slot, real and imaginary").isLessThan(1e-5);
    }

    private static double[] replicate(double[] values, int slots) {
        double[] out = new double[slots];
        for (int s = 0; s < slots; s++) out[s] = values[s % values.length];
        return out;
    }
}
