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
import ai.based.fhe.rlwe.SecretKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Full-slot bootstrapping (no SubSum, CoeffsToSlots and SlotsToCoeffs over three levels each) on a small insecure
 * ring (N = 2^10, 512 complex slots), where it runs in seconds: the algorithm's coverage; the secure sets are
 * tested in {@link BootstrapTest}.
 */
class BootstrapFullSlotTest {
    @Test
    void allComplexSlotsComeBackWithinTheDerivedBound() {
        List<Integer> logQ = new ArrayList<>(List.of(60, 40, 50, 50, 50));
        for (int i = 0; i < 10; i++) logQ.add(60);
        logQ.addAll(List.of(60, 60, 60));
        BootstrapParameters set = new BootstrapParameters(new ParametersLiteral(10, logQ, List.of(60), 40), 9, 3, 3, 32, 12, 31, 3);
        Parameters params = InsecureParameters.forTest("bootstrap-full-slot", set.ckks());
        Sampler random = TestRandomness.named("bootstrap-full-slot");
        KeyGenerator keygen = new KeyGenerator(params.ring(), random);
        SecretKey sk = keygen.secretKey();
        Bootstrapper bootstrapper = new Bootstrapper(params, set, BootstrappingKeys.generate(set, keygen, sk));
        Encoder encoder = new Encoder(params);
        Random values = new Random(3);
        double[] re = new double[params.slots()];
        double[] im = new double[params.slots()];
        for (int k = 0; k < re.length; k++) {
            re[k] = values.nextDouble() * 2 - 1;
            im[k] = values.nextDouble() * 2 - 1;
        }
        Ciphertext ct = new Encryptor(params.ring(), random).encrypt(encoder.encode(re, im, 0, params.defaultScale()), keygen.publicKey(sk));
        Ciphertext refreshed = bootstrapper.bootstrap(ct);
        assertThat(refreshed.level()).isEqualTo(1).isEqualTo(bootstrapper.outputLevel());
        double[][] out = encoder.decodeComplex(new Decryptor(params.ring(), sk).decrypt(refreshed));
        double max = 0;
        for (int k = 0; k < re.length; k++) max = Math.max(max, Math.hypot(out[0][k] - re[k], out[1][k] - im[k]));
        // complex slots: the real and imaginary parts each within the bound
        assertThat(max).isLessThan(2 * bootstrapper.errorBound(params.defaultScale()));
    }
}
