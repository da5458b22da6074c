package ai.based.fhe.ckks;

import static ai.based.fhe.ckks.CkksFixture.maxError;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.rlwe.Ciphertext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** N = 16384, primes [60,40x6,60]: SEAL's product precision and a rotation. */
class LargeRingTest {

    @Test
    void productAndRotationAtN16384() {
        CkksFixture f = new CkksFixture(Parameters.create(ParametersLiteral.N16384), List.of(1), "large-ring");
        double[] x = CkksFixture.random(f.params.slots(), 3);
        double[] y = CkksFixture.random(f.params.slots(), 4);
        Ciphertext product = f.evaluator.rescale(f.evaluator.mulRelin(f.encrypt(x), f.encrypt(y)));
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) expected[i] = x[i] * y[i];
        assertThat(maxError(expected, f.decrypt(product))).as("max abs error").isLessThanOrEqualTo(4e-8);
        double[] rotated = f.decrypt(f.evaluator.rotate(f.encrypt(x), 1));
        double[] shifted = new double[x.length];
        for (int i = 0; i < x.length; i++) shifted[i] = x[(i + 1) % x.length];
        assertThat(maxError(shifted, rotated)).isLessThan(1e-6);
    }
}
