package ai.based.fhe.zkllm.encrypted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.EvaluationKeys;
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
import ai.based.fhe.zkllm.model.BoundedAttention;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The miner's reciprocal on a real ciphertext (N = 2^14, 128-bit, fresh at depth 10) against 1/x and against its
 * plaintext twin, over its whole interval and outside it.
 */
class EncryptedReciprocalTest {
    /** The bounded tiny model's interval: floor 1, four times its trained ceiling of 64, eight doublings. */
    private static final EncryptedReciprocal RECIPROCAL = new EncryptedReciprocal(1, 256, 8);
    /**
     * CKKS noise relative to 1/x at scale 2^33 after ten levels: about 2.5e-6 absolute per rescale, divided near the
     * interval's ends by the first guess's 1 - δ ≈ 0.03 (measured: up to 4.4e-4); 128 times less at a 2^40 scale.
     */
    private static final double NOISE = 1e-3;
    private static Parameters params;
    private static Encoder encoder;
    private static SecretKey sk;
    private static Encryptor encryptor;
    private static PublicKey pk;
    private static HeOps ops;

    @BeforeAll
    static void keys() {
        params = Parameters.create(EncryptedReciprocal.PARAMETERS);
        Sampler random = TestRandomness.named("encrypted-reciprocal");
        KeyGenerator keygen = new KeyGenerator(params.ring(), random);
        sk = keygen.secretKey();
        pk = keygen.publicKey(sk);
        encoder = new Encoder(params);
        encryptor = new Encryptor(params.ring(), random);
        ops = new HeOps(new Evaluator(params, new EvaluationKeys(Optional.of(keygen.relinearizationKey(sk)), Map.of())), encoder);
    }

    private static double[] reciprocalUnderEncryption(double[] x) {
        Ciphertext c = encryptor.encrypt(encoder.encode(x, params.maxLevel(), params.defaultScale()), pk);
        Ciphertext y = RECIPROCAL.apply(ops, c);
        assertThat(y.level()).isEqualTo(params.maxLevel() - RECIPROCAL.depth());
        return encoder.decode(new Decryptor(params.ring(), sk).decrypt(y));
    }

    @Test
    void theDesignFitsTheParametersAndStatesItsError() {
        assertThat(params.secure()).isTrue();
        assertThat(RECIPROCAL.depth()).isEqualTo(10).isLessThanOrEqualTo(params.maxLevel());
        assertThat(RECIPROCAL.relativeErrorBound()).isBetween(1e-4, 1e-3);
        // the bound is attained: at both ends of the interval the first guess is off by exactly δ
        assertThat(1 - RECIPROCAL.value(1) * 1).isCloseTo(RECIPROCAL.relativeErrorBound(), org.assertj.core.data.Percentage.withPercentage(1));
        double worst = 0;
        for (int i = 0; i <= 100_000; i++) {
            double x = 1 + 255.0 * i / 100_000;
            worst = Math.max(worst, Math.abs(x * RECIPROCAL.value(x) - 1));
        }
        assertThat(worst).isLessThanOrEqualTo(RECIPROCAL.relativeErrorBound() * (1 + 1e-9));
        assertThat(EncryptedReciprocal.within(1, 256, 1e-3).doublings()).isEqualTo(8);
        assertThat(EncryptedReciprocal.forAttention(new BoundedAttention(1, 64), 256, 8).high()).isEqualTo(256);
        assertThatThrownBy(() -> EncryptedReciprocal.forAttention(new BoundedAttention(1, 64), 32, 8)).hasMessageContaining("ceiling");
        assertThatThrownBy(() -> new EncryptedReciprocal(0, 1, 3)).hasMessageContaining("0 < a < b");
    }

    @Test
    void theEncryptedReciprocalMatchesOneOverXAcrossTheIntervalAndItsTwin() {
        double[] x = new double[params.slots()];
        for (int i = 0; i < x.length; i++) x[i] = Math.pow(256, (double) i / (x.length - 1)); // 1 .. 256, log-spread
        ops.reset();
        double[] y = reciprocalUnderEncryption(x);
        // x y₀, then per doubling one product and (but the last) one squaring: 2k key switches, no rotation
        assertThat(ops.count(HeOps.Op.RELINEARIZATION)).isEqualTo(2L * RECIPROCAL.doublings());
        assertThat(ops.count(HeOps.Op.ROTATION)).isZero();
        double worstExact = 0;
        double worstTwin = 0;
        for (int i = 0; i < x.length; i++) {
            worstExact = Math.max(worstExact, Math.abs(x[i] * y[i] - 1));
            worstTwin = Math.max(worstTwin, Math.abs(y[i] - RECIPROCAL.value(x[i])) * x[i]);
        }
        assertThat(worstTwin).as("relative distance to the plaintext twin").isLessThan(NOISE);
        assertThat(worstExact).as("relative error against 1/x").isLessThan(RECIPROCAL.relativeErrorBound() + NOISE);
    }

    @Test
    void outsideTheIntervalTheResultStaysBetweenZeroAndOneOverX() {
        double[] x = new double[params.slots()];
        for (int i = 0; i < x.length; i++) {
            // a third just below the floor (down to CKKS noise around zero), a third past the top up to the safe limit
            x[i] = switch (i % 3) {
                case 0 -> -1e-6 + (1 + 1e-6) * i / x.length;
                case 1 -> 256 + (RECIPROCAL.safeLimit() - 256) * i / x.length;
                default -> 1 + 255.0 * i / x.length;
            };
        }
        double[] y = reciprocalUnderEncryption(x);
        for (int i = 0; i < x.length; i++) {
            // x y = 1 - e^(2^k) never exceeds 1; at x = 0 and at the safe limit it is 0
            assertThat(x[i] * y[i]).as("x·y at x = %s", x[i]).isBetween(-NOISE, 1 + NOISE);
            // and y itself never exceeds its value at 0, 2^k β (x y tends to 0 there, as y's first guess β times 2 per step)
            assertThat(y[i]).as("y at x = %s", x[i]).isBetween(-NOISE, RECIPROCAL.value(0) * (1 + NOISE)).isFinite();
        }
        // far beyond the safe limit the polynomial is unbounded: the interval has to be chosen with headroom
        assertThat(Math.abs(RECIPROCAL.value(2 * RECIPROCAL.safeLimit()))).isGreaterThan(1e6);
    }

    @Test
    void aCiphertextWithTooFewLevelsIsRefused() {
        Ciphertext c = encryptor.encrypt(encoder.encode(new double[] {2}, params.maxLevel(), params.defaultScale()), pk);
        Ciphertext low = ops.evaluator().dropLevel(c, RECIPROCAL.depth() - 1);
        assertThatThrownBy(() -> RECIPROCAL.apply(ops, low)).hasMessageContaining("needs 10 levels");
    }
}
