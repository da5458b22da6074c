package ai.based.fhe.rlwe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.TestRandomness;
import org.junit.jupiter.api.Test;

/**
 * A lean key (no Shoup companions) and a compact one (its uniform half held as its seed) switch to the same residues
 * as the full key, bit for bit.
 */
class LeanKeyTest {
    @Test
    void leanAndFullKeysSwitchToTheSameResidues() {
        RingContext ring = Parameters.create(ParametersLiteral.N16384).ring();
        KeyGenerator keygen = new KeyGenerator(ring, TestRandomness.named("lean-key"));
        SecretKey sk = keygen.secretKey();
        SwitchingKey full = keygen.rotationKey(sk, 3);
        SwitchingKey lean = full.lean();
        assertThat(lean.isLean()).isTrue();
        assertThat(full.isLean()).isFalse();
        int level = ring.maxLevel() - 1;
        long[][] c = new long[level + 1][ring.n()];
        var random = TestRandomness.named("lean-key-input");
        for (int i = 0; i <= level; i++) random.uniform(c[i], ring.modulus(i));
        KeySwitcher switcher = new KeySwitcher(ring);
        long[][][] expected = switcher.switchKey(c, level, full);
        long[][][] actual = switcher.switchKey(c, level, lean);
        assertThat(actual).isDeepEqualTo(expected);
        long[][][] digits = switcher.decompose(c, level);
        assertThat(switcher.innerProduct(digits, level, lean)).isDeepEqualTo(switcher.innerProduct(digits, level, full));
    }

    /**
     * A compact key re-expands each row of its uniform half where it is used: the same residues as the full key in a
     * plain switch, in hoisted rotations and at a lower level, from a quarter of its memory.
     */
    @Test
    void aCompactKeySwitchesToTheFullKeysResiduesFromAQuarterOfItsMemory() {
        RingContext ring = Parameters.create(ParametersLiteral.N16384).ring();
        KeyGenerator keygen = new KeyGenerator(ring, TestRandomness.named("compact-key"));
        SecretKey sk = keygen.secretKey();
        SwitchingKey full = keygen.rotationKey(sk, 3);
        SwitchingKey compact = full.compact();
        assertThat(compact.isCompact()).isTrue();
        assertThat(compact.isLean()).isTrue();
        assertThat(compact.a()).isNull();
        assertThat(compact.bytes() * 4).isEqualTo(full.bytes());
        KeySwitcher switcher = new KeySwitcher(ring);
        int[] permutation = ai.based.fhe.ring.Galois.nttPermutation(full.galoisElement(), ring.logN());
        for (int level : new int[] {ring.maxLevel(), 1}) {
            long[][] c = new long[level + 1][ring.n()];
            var random = TestRandomness.named("compact-key-input-" + level);
            for (int i = 0; i <= level; i++) random.uniform(c[i], ring.modulus(i));
            assertThat(switcher.switchKey(c, level, compact)).isDeepEqualTo(switcher.switchKey(c, level, full));
            long[][][] digits = switcher.decompose(c, level);
            assertThat(switcher.innerProduct(digits, permutation, level, compact)).isDeepEqualTo(switcher.innerProduct(digits, permutation, level, full));
        }
        SwitchingKey unseeded = SwitchingKey.of(ring, full.galoisElement(), full.b(), full.a());
        assertThat(unseeded.compact().a()).as("a key without a seed keeps its uniform half").isSameAs(full.a());
    }

    /** A compact generator makes the same keys from the same randomness, without ever holding companions or a. */
    @Test
    void aCompactGeneratorMakesTheFullGeneratorsKeysWithoutCompanionsOrUniformHalf() {
        RingContext ring = Parameters.create(ParametersLiteral.N8192).ring();
        SecretKey sk = new KeyGenerator(ring, TestRandomness.named("lean-generator-secret")).secretKey();
        SwitchingKey full = new KeyGenerator(ring, TestRandomness.named("lean-generator")).rotationKey(sk, 5);
        SwitchingKey compact = new KeyGenerator(ring, TestRandomness.named("lean-generator")).compactKeys().rotationKey(sk, 5);
        assertThat(compact.isCompact()).isTrue();
        assertThat(compact.b()).isDeepEqualTo(full.b());
        assertThat(compact.seed().orElseThrow()).isEqualTo(full.seed().orElseThrow());
        long[] scratch = new long[ring.n()];
        for (int digit = 0; digit < full.a().length; digit++) {
            for (int prime = 0; prime < full.a()[digit].length; prime++) {
                assertThat(compact.uniformRow(digit, prime, ring.modulus(prime), scratch)).as("a[%d][%d]", digit, prime).isEqualTo(full.a()[digit][prime]);
            }
        }
        SwitchingKey limited = new KeyGenerator(ring, TestRandomness.named("lean-generator")).compactKeys().galoisKey(sk, full.galoisElement(), 0);
        assertThat(limited.isCompact()).isTrue();
        assertThat(limited.maxLevel(ring)).isZero();
        assertThatThrownBy(() -> limited.uniformRow(0, 1, ring.modulus(1), scratch))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("serves lower levels only");
    }
}
