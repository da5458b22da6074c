package ai.based.fhe.circuits;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.InsecureParameters;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.ring.TestRandomness;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Decryptor;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.KeyDigits;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bootstrapping on a small insecure ring (N = 2^10), where it runs in seconds: full slots (512 complex slots, no
 * SubSum, CoeffsToSlots and SlotsToCoeffs over three levels each), and sparse slots with grouped key-switching digits
 * and level-limited keys; the secure sets are tested in {@link BootstrapTest}.
 */
class BootstrapFullSlotTest {
    @Test
    void allComplexSlotsComeBackWithinTheDerivedBound() {
        BootstrapParameters set = new BootstrapParameters(new ParametersLiteral(10, chain(3), List.of(60), 40), 9, 3, 3, 32, 12, 31, 3);
        Bootstrapped run = bootstrap(set, "bootstrap-full-slot");
        assertThat(run.level()).isEqualTo(1);
        // complex slots: the real and imaginary parts each within the bound
        assertThat(run.maxError()).isLessThan(2 * run.bound());
    }

    /**
     * The secure full-slot set (all 2^15 slots at N = 2^16, the model's chain; `bench ckks --bootstrap-set N16F` runs
     * it) is 128-bit secure, leaves the model's ten levels, and its keys serve the levels their transforms run at: the
     * conjugation where EvalMod starts, every rotation at the top (each SlotsToCoeffs step is also a CoeffsToSlots one).
     */
    @Test
    void theSecureFullSlotSetKeepsTheModelsChainAndLevels() {
        BootstrapParameters full = BootstrapParameters.N16_FULL;
        assertThat(full.slots()).isEqualTo(1 << 15);
        assertThat(Parameters.create(full.ckks()).secure()).isTrue();
        assertThat(Bootstrapper.outputLevel(full)).isEqualTo(Bootstrapper.outputLevel(BootstrapParameters.N16_MODEL)).isEqualTo(10);
        int top = full.ckks().logQ().size() - 1;
        Map<Long, Integer> levels = Bootstrapper.galoisKeyLevels(full);
        long conjugation = ai.based.fhe.ring.Galois.conjugationElement(full.ckks().logN());
        assertThat(levels).containsEntry(conjugation, top - full.coeffsToSlotsLevels());
        levels.forEach((element, level) -> assertThat(level).as("key of element %d", element).isEqualTo(element == conjugation ? top - full.coeffsToSlotsLevels() : top));
    }

    /**
     * Grouped key-switching digits (three special primes: digits of three primes) and sparse slots, so that SubSum
     * runs and SlotsToCoeffs' keys leave out the primes above their level: the same precision, and smaller keys.
     */
    @Test
    void groupedDigitsAndLevelLimitedKeysBootstrapWithinTheSameBound() {
        BootstrapParameters set = new BootstrapParameters(new ParametersLiteral(10, chain(2), List.of(60, 60, 60), 40), 7, 2, 2, 32, 12, 31, 3);
        Bootstrapped run = bootstrap(set, "bootstrap-grouped");
        assertThat(run.level()).isEqualTo(1);
        assertThat(run.maxError()).isLessThan(2 * run.bound());
        int top = set.ckks().logQ().size() - 1;
        Map<Long, Integer> levels = Bootstrapper.galoisKeyLevels(set);
        assertThat(levels.values()).contains(top).anyMatch(level -> level < top);
        levels.forEach((element, level) -> {
            SwitchingKey key = run.keys().evaluation().galois().get(element);
            assertThat(key.maxLevel(run.params().ring())).as("key of element %d", element).isEqualTo(level);
            assertThat(key.b().length).isEqualTo(KeyDigits.of(run.params().ring()).countAt(level));
        });
    }

    /** q_0, one level for the model, the transforms' levels and EvalMod's ten. */
    private static List<Integer> chain(int transformLevels) {
        List<Integer> logQ = new ArrayList<>(List.of(60, 40));
        for (int i = 0; i < transformLevels; i++) logQ.add(50);
        for (int i = 0; i < 10; i++) logQ.add(60);
        for (int i = 0; i < transformLevels; i++) logQ.add(60);
        return logQ;
    }

    private record Bootstrapped(Parameters params, BootstrappingKeys keys, int level, double maxError, double bound) {}

    private static Bootstrapped bootstrap(BootstrapParameters set, String name) {
        Parameters params = InsecureParameters.forTest(name, set.ckks());
        Sampler random = TestRandomness.named(name);
        KeyGenerator keygen = new KeyGenerator(params.ring(), random);
        SecretKey sk = keygen.secretKey();
        BootstrappingKeys keys = BootstrappingKeys.generate(set, keygen, sk);
        Bootstrapper bootstrapper = new Bootstrapper(params, set, keys);
        Encoder encoder = new Encoder(params);
        Random values = new Random(3);
        int period = set.slots();
        double[] re = new double[params.slots()];
        double[] im = new double[params.slots()];
        for (int k = 0; k < re.length; k++) {
            // sparse slots repeat with the bootstrapped period
            re[k] = k < period ? values.nextDouble() * 2 - 1 : re[k % period];
            im[k] = k < period ? values.nextDouble() * 2 - 1 : im[k % period];
        }
        Ciphertext ct = new Encryptor(params.ring(), random).encrypt(encoder.encode(re, im, 0, params.defaultScale()), keygen.publicKey(sk));
        Ciphertext refreshed = bootstrapper.bootstrap(ct);
        assertThat(refreshed.level()).isEqualTo(bootstrapper.outputLevel());
        double[][] out = encoder.decodeComplex(new Decryptor(params.ring(), sk).decrypt(refreshed));
        double max = 0;
        for (int k = 0; k < re.length; k++) max = Math.max(max, Math.hypot(out[0][k] - re[k], out[1][k] - im[k]));
        return new Bootstrapped(params, keys, refreshed.level(), max, bootstrapper.errorBound(params.defaultScale()));
    }
}
