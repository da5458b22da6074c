package ai.based.fhe.rlwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.ring.Modulus;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.TestRandomness;
import org.junit.jupiter.api.Test;

/** The ephemeral sparse secret of bootstrapping and the key that exposes it only modulo q_0 P. */
class SparseSecretTest {
    private final RingContext ring = Parameters.create(ParametersLiteral.N8192).ring();
    private final KeyGenerator keygen = new KeyGenerator(ring, TestRandomness.named("sparse-secret"));

    @Test
    void theSparseSecretHasExactlyTheHammingWeightAskedWithTernaryCoefficients() {
        SecretKey sparse = keygen.sparseSecretKey(32);
        for (int prime = 0; prime < ring.qCount() + ring.pCount(); prime++) {
            long[] row = sparse.rows()[prime].clone();
            ring.inverse(prime, row);
            long q = ring.modulus(prime).q;
            int nonzero = 0;
            for (long c : row) {
                assertThat(c == 0 || c == 1 || c == q - 1).as("ternary coefficient").isTrue();
                if (c != 0) nonzero++;
            }
            assertThat(nonzero).isEqualTo(32);
        }
        assertThatThrownBy(() -> keygen.sparseSecretKey(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLevelZeroKeyHoldsRowsOnlyForQ0AndPAndSwitchesALevelZeroCiphertext() {
        SecretKey dense = keygen.secretKey();
        SecretKey sparse = keygen.sparseSecretKey(32);
        SwitchingKey key = keygen.levelZeroSwitchingKey(sparse, dense);
        assertThat(key.b()).hasDimensions(1, ring.qCount() + ring.pCount());
        for (int prime = 1; prime < ring.qCount(); prime++) assertThat(key.b()[0][prime]).as("row of prime %d", prime).isEmpty();
        assertThat(key.b()[0][0]).hasSize(ring.n());
        assertThat(key.b()[0][ring.pIndex(0)]).hasSize(ring.n());
        // c_1 s (dense) switched to d_0 + d_1 s' (sparse): equal up to the key-switching noise, far below q_0
        Modulus q0 = ring.modulus(0);
        long[] c1 = new long[ring.n()];
        TestRandomness.named("c1").uniform(c1, q0);
        long[][][] switched = new KeySwitcher(ring).switchKey(new long[][] {c1}, 0, key);
        long[] expected = new long[ring.n()];
        long[] actual = new long[ring.n()];
        for (int k = 0; k < ring.n(); k++) {
            expected[k] = q0.mul(c1[k], dense.rows()[0][k]);
            actual[k] = q0.add(switched[0][0][k], q0.mul(switched[1][0][k], sparse.rows()[0][k]));
        }
        ring.inverse(0, expected);
        ring.inverse(0, actual);
        long worst = 0;
        for (int k = 0; k < ring.n(); k++) {
            long d = q0.sub(actual[k], expected[k]);
            worst = Math.max(worst, Math.min(d, q0.q - d));
        }
        assertThat(worst).as("key-switching noise").isLessThan(1L << 20);
    }
}
