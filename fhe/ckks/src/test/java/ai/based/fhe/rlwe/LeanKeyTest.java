package ai.based.fhe.rlwe;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.ring.RingContext;
import ai.based.fhe.ring.TestRandomness;
import org.junit.jupiter.api.Test;

/** A lean key (no Shoup companions) switches to the same residues as the full key, bit for bit. */
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

    /** A lean generator makes the same keys from the same randomness, without ever computing the companions. */
    @Test
    void aLeanGeneratorMakesTheFullGeneratorsKeysWithoutCompanions() {
        RingContext ring = Parameters.create(ParametersLiteral.N8192).ring();
        SecretKey sk = new KeyGenerator(ring, TestRandomness.named("lean-generator-secret")).secretKey();
        SwitchingKey full = new KeyGenerator(ring, TestRandomness.named("lean-generator")).rotationKey(sk, 5);
        SwitchingKey lean = new KeyGenerator(ring, TestRandomness.named("lean-generator")).leanKeys().rotationKey(sk, 5);
        assertThat(lean.isLean()).isTrue();
        assertThat(lean.b()).isDeepEqualTo(full.b());
        assertThat(lean.a()).isDeepEqualTo(full.a());
        assertThat(lean.seed().orElseThrow()).isEqualTo(full.seed().orElseThrow());
        SwitchingKey limited = new KeyGenerator(ring, TestRandomness.named("lean-generator")).leanKeys().galoisKey(sk, full.galoisElement(), 0);
        assertThat(limited.isLean()).isTrue();
        assertThat(limited.maxLevel(ring)).isZero();
    }
}
