package ai.based.gpu;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.CiphertextAccelerator;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Which keys the device accelerator takes (decided on the CPU, so tested without a device): keys with rows at every
 * level go to the device, a lean or compact one made whole with the client's residues, those of a ring with several
 * special primes too (a digit per group of primes), and level-limited keys (their rows only); malformed ones stay on
 * the CPU. Without a device no
 * accelerator is offered and the library's evaluator runs on the host.
 */
class DeviceAcceleratorRulesTest {
    private static final Parameters PARAMS = Parameters.create(ParametersLiteral.N8192);
    /** Two special primes: key-switching digits of two primes each (128-bit secure at N = 8192). */
    static final ParametersLiteral GROUPED = new ParametersLiteral(13, List.of(40, 30, 30, 30), List.of(40, 40), 30);

    @Test
    void keysWithRowsAtEveryLevelGoToTheDeviceLeanAndCompactOnesMadeWholeWithTheSameResidues() {
        var ring = PARAMS.ring();
        KeyGenerator keygen = new KeyGenerator(ring, Sampler.secure());
        SecretKey sk = keygen.secretKey();
        long g = Galois.rotationElement(1, PARAMS.logN());
        SwitchingKey full = keygen.galoisKey(sk, g);
        assertThat(DeviceAccelerator.fits(ring, full)).isTrue();
        assertThat(DeviceAccelerator.fits(ring, keygen.relinearizationKey(sk))).isTrue();
        assertThat(DeviceAccelerator.whole(ring, full)).isSameAs(full);
        for (SwitchingKey held : List.of(full.lean(), full.compact())) {
            assertThat(DeviceAccelerator.fits(ring, held)).isTrue();
            SwitchingKey whole = DeviceAccelerator.whole(ring, held);
            assertThat(whole.isLean() || whole.isCompact()).isFalse();
            assertThat(whole.galoisElement()).isEqualTo(g);
            assertThat(whole.a()).isDeepEqualTo(full.a());
            assertThat(whole.bShoup()).isDeepEqualTo(full.bShoup());
            assertThat(whole.aShoup()).isDeepEqualTo(full.aShoup());
        }
        SwitchingKey limited = keygen.galoisKey(sk, g, 1);
        assertThat(DeviceAccelerator.fits(ring, limited)).as("level-limited").isTrue();
        assertThat(DeviceAccelerator.fits(ring, limited.compact())).as("level-limited, compact").isTrue();
        SwitchingKey wholeLimited = DeviceAccelerator.whole(ring, limited.compact());
        assertThat(wholeLimited.maxLevel(ring)).isEqualTo(1);
        assertThat(wholeLimited.a()).isDeepEqualTo(limited.a());
        assertThat(wholeLimited.aShoup()).isDeepEqualTo(limited.aShoup());
        SwitchingKey mixed = new SwitchingKey(g, full.b(), limited.a(), full.bShoup(), limited.aShoup(), Optional.empty());
        assertThat(DeviceAccelerator.fits(ring, mixed)).as("a full b with a level-limited a").isFalse();
        long[][][] ragged = limited.b().clone();
        ragged[0] = ragged[0].clone();
        ragged[0][2] = new long[ring.n()]; // a row above the key's level
        assertThat(DeviceAccelerator.fits(ring, new SwitchingKey(g, ragged, limited.a(), limited.bShoup(), limited.aShoup(), Optional.empty())))
                .as("a row above its level").isFalse();
    }

    @Test
    void keysOfARingWithSeveralSpecialPrimesGoToTheDeviceWithADigitPerGroupOfPrimes() {
        Parameters grouped = Parameters.create(GROUPED);
        KeyGenerator keygen = new KeyGenerator(grouped.ring(), Sampler.secure());
        SwitchingKey key = keygen.galoisKey(keygen.secretKey(), Galois.rotationElement(1, grouped.logN()));
        assertThat(key.b().length).as("4 primes in digits of 2").isEqualTo(2);
        assertThat(DeviceAccelerator.fits(grouped.ring(), key)).isTrue();
        assertThat(DeviceAccelerator.fits(grouped.ring(), keygen.galoisKey(keygen.secretKey(), Galois.rotationElement(1, grouped.logN()), 1)))
                .as("level-limited: one digit of two primes").isTrue();
        assertThat(DeviceAccelerator.fits(PARAMS.ring(), key)).as("a key of another ring (3 digits there)").isFalse();
    }

    @Test
    void withoutADeviceNoAcceleratorIsOfferedAndTheEvaluatorRunsOnTheHost() {
        GpuBackend gpu = new GpuBackend();
        assumeFalse(gpu.available(), "a device is present: ResidentDeviceTest covers this case");
        assertThat(gpu.ciphertexts(PARAMS.ring())).isEmpty();
        assertThat(CiphertextAccelerator.forRing(PARAMS.ring())).isEmpty();
        KeyGenerator keygen = new KeyGenerator(PARAMS.ring(), Sampler.secure());
        Evaluator evaluator = new Evaluator(PARAMS, new EvaluationKeys(Optional.of(keygen.relinearizationKey(keygen.secretKey())), Map.of()));
        assertThat(evaluator.runsOn()).isEqualTo("host");
        assertThat(evaluator.hostOnly()).isSameAs(evaluator);
    }
}
