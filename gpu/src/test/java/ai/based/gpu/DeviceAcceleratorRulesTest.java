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
 * Which rings and keys the device accelerator takes (decided on the CPU, so tested without a device): full keys of a
 * one-special-prime ring go to the device; lean, compact and level-limited keys, and rings with several special
 * primes, stay on the CPU. Without a device no accelerator is offered and the library's evaluator runs on the host.
 */
class DeviceAcceleratorRulesTest {
    private static final Parameters PARAMS = Parameters.create(ParametersLiteral.N8192);

    @Test
    void onlyFullKeysOfTheRingGoToTheDevice() {
        var ring = PARAMS.ring();
        KeyGenerator keygen = new KeyGenerator(ring, Sampler.secure());
        SecretKey sk = keygen.secretKey();
        long g = Galois.rotationElement(1, PARAMS.logN());
        SwitchingKey full = keygen.galoisKey(sk, g);
        assertThat(DeviceAccelerator.fits(ring, full)).isTrue();
        assertThat(DeviceAccelerator.fits(ring, keygen.relinearizationKey(sk))).isTrue();
        assertThat(DeviceAccelerator.fits(ring, full.lean())).as("lean: no Shoup companions").isFalse();
        SwitchingKey limited = keygen.galoisKey(sk, g, 1);
        assertThat(DeviceAccelerator.fits(ring, limited)).as("level-limited").isFalse();
        SwitchingKey mixed = new SwitchingKey(g, full.b(), limited.a(), full.bShoup(), limited.aShoup(), Optional.empty());
        assertThat(DeviceAccelerator.fits(ring, mixed)).as("a full b with a level-limited a").isFalse();
        SwitchingKey seeded = SwitchingKey.seeded(ring, g, full.b(), new byte[32]);
        assertThat(DeviceAccelerator.fits(ring, seeded.compact())).as("compact: a re-expanded on the host").isFalse();
    }

    @Test
    void ringsWithSeveralSpecialPrimesStayOnTheCpu() {
        Parameters grouped = Parameters.create(new ParametersLiteral(13, List.of(45, 35, 35), List.of(45, 45), 35));
        assertThat(DeviceAccelerator.supports(grouped.ring())).isFalse();
        assertThat(DeviceAccelerator.supports(PARAMS.ring())).isTrue();
        assertThat(new GpuBackend().ciphertexts(grouped.ring())).isEmpty();
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
