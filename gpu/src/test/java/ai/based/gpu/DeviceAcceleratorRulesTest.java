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
 * Which rings and keys the device accelerator takes (decided on the CPU, so tested without a device): keys of a
 * one-special-prime ring with rows at every level go to the device, a lean or compact one made whole with the client's
 * residues; level-limited keys, and rings with several special primes, stay on the CPU. Without a device no
 * accelerator is offered and the library's evaluator runs on the host.
 */
class DeviceAcceleratorRulesTest {
    private static final Parameters PARAMS = Parameters.create(ParametersLiteral.N8192);

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
        assertThat(DeviceAccelerator.fits(ring, limited)).as("level-limited").isFalse();
        assertThat(DeviceAccelerator.fits(ring, limited.compact())).as("level-limited, compact").isFalse();
        SwitchingKey mixed = new SwitchingKey(g, full.b(), limited.a(), full.bShoup(), limited.aShoup(), Optional.empty());
        assertThat(DeviceAccelerator.fits(ring, mixed)).as("a full b with a level-limited a").isFalse();
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
