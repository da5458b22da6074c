package ai.based.fhe.circuits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.ring.TestRandomness;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Decryptor;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.PublicKey;
import ai.based.fhe.rlwe.SecretKey;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bootstrapping on the smallest 128-bit secure set that supports it (N = 2^15, 16 sparse slots, see
 * {@link BootstrapParameters#N15_SPARSE}): a ciphertext at the last level comes back at the stated level within
 * the derived error bound, and a computation runs past the modulus chain several times.
 */
class BootstrapTest {
    private static final BootstrapParameters SET = BootstrapParameters.N15_SPARSE;
    private static Parameters params;
    private static SecretKey sk;
    private static PublicKey pk;
    private static Encoder encoder;
    private static Encryptor encryptor;
    private static Decryptor decryptor;
    private static Bootstrapper bootstrapper;

    @BeforeAll
    static void keys() {
        params = Parameters.create(SET.ckks());
        Sampler random = TestRandomness.named("bootstrap");
        KeyGenerator keygen = new KeyGenerator(params.ring(), random);
        sk = keygen.secretKey();
        pk = keygen.publicKey(sk);
        bootstrapper = new Bootstrapper(params, SET, BootstrappingKeys.generate(SET, keygen, sk));
        encoder = new Encoder(params);
        encryptor = new Encryptor(params.ring(), random);
        decryptor = new Decryptor(params.ring(), sk);
    }

    /** n values in [-1, 1] replicated over all slots (the sparse-slot layout). */
    private static double[] replicated(long seed) {
        Random random = new Random(seed);
        double[] values = new double[SET.slots()];
        for (int i = 0; i < values.length; i++) values[i] = random.nextDouble() * 2 - 1;
        double[] out = new double[params.slots()];
        for (int k = 0; k < out.length; k++) out[k] = values[k % values.length];
        return out;
    }

    private static double maxError(double[] expected, Ciphertext ct) {
        double[] actual = encoder.decode(decryptor.decrypt(ct));
        double max = 0;
        for (int k = 0; k < expected.length; k++) max = Math.max(max, Math.abs(expected[k] - actual[k]));
        return max;
    }

    @Test
    void aCiphertextAtTheLastLevelComesBackAtTheStatedLevelWithinTheDerivedBound() {
        assertThat(bootstrapper.outputLevel()).as("levels left for the model").isEqualTo(1);
        double bound = bootstrapper.errorBound(params.defaultScale());
        assertThat(bound).as("the bound is a meaningful precision").isLessThan(Math.pow(2, -9));
        double worst = 0;
        for (long seed = 1; seed <= 2; seed++) {
            double[] values = replicated(seed);
            Ciphertext ct = encryptor.encrypt(encoder.encode(values, 0, params.defaultScale()), pk);
            Ciphertext refreshed = bootstrapper.bootstrap(ct);
            assertThat(refreshed.level()).isEqualTo(bootstrapper.outputLevel());
            assertThat(refreshed.scale()).isEqualTo(params.defaultScale());
            worst = Math.max(worst, maxError(values, refreshed));
        }
        System.out.printf("bootstrapping N=2^15, 16 slots: max error 2^%.1f (bound 2^%.1f)%n", log2(worst), log2(bound));
        assertThat(worst).isLessThan(bound);
    }

    @Test
    void aComputationRunsPastTheModulusChainThreeTimes() {
        // x -> x^2, three times, each square taking the one level the bootstrap leaves: x^8 after three bootstraps
        double[] values = replicated(7);
        Evaluator evaluator = bootstrapper.evaluator();
        Ciphertext ct = encryptor.encrypt(encoder.encode(values, params.maxLevel(), params.defaultScale()), pk);
        double[] expected = values.clone();
        double bound = bootstrapper.errorBound(params.defaultScale());
        double propagated = 0;
        for (int round = 0; round < 3; round++) {
            ct = bootstrapper.bootstrap(evaluator.dropLevel(ct, 0));
            // the square of x + e is x^2 + 2 x e + e^2; the product's own rounding is far below the bootstrap's error
            propagated = 2 * (propagated + bound) + Math.pow(propagated + bound, 2);
            ct = evaluator.rescale(evaluator.mulRelin(ct, ct));
            for (int k = 0; k < expected.length; k++) expected[k] *= expected[k];
            assertThat(ct.level()).isZero();
        }
        assertThat(maxError(expected, ct)).isLessThan(propagated);
    }

    @Test
    void aScaleTooCloseToQ0IsRefused() {
        Ciphertext ct = encryptor.encrypt(encoder.encode(new double[] {0.5}, 0, Math.pow(2, 56)), pk);
        assertThatThrownBy(() -> bootstrapper.bootstrap(ct)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("far below q_0");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
