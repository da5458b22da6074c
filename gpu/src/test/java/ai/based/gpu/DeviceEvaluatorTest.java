package ai.based.gpu;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.PolyMath;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.KeySwitcher;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Multiply + relinearise, rotations (single and hoisted), conjugation and rescaling on device-resident ciphertexts
 * give the CPU Evaluator's ciphertexts word for word, at the top level and below it. Needs a CUDA device (skipped without one).
 */
class DeviceEvaluatorTest {
    static Stream<ParametersLiteral> rings() {
        return Stream.of(ParametersLiteral.N8192, DeviceAcceleratorRulesTest.GROUPED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rings")
    void mulRelinAndRotateMatchTheCpuEvaluator(ParametersLiteral literal) {
        assumeTrue(GpuDevice.kernels() != null, () -> "no CUDA device: " + GpuDevice.reason());
        Parameters params = Parameters.create(literal);
        var ring = params.ring();
        KeyGenerator keygen = new KeyGenerator(ring, Sampler.secure());
        SecretKey sk = keygen.secretKey();
        SwitchingKey rlk = keygen.relinearizationKey(sk);
        long g = Galois.rotationElement(3, params.logN());
        long conj = Galois.conjugationElement(params.logN());
        SwitchingKey gk = keygen.galoisKey(sk, g);
        SwitchingKey ck = keygen.galoisKey(sk, conj);
        Evaluator cpu = new Evaluator(params, new EvaluationKeys(Optional.of(rlk), Map.of(g, gk, conj, ck))).hostOnly();
        Encoder encoder = new Encoder(params);
        Encryptor encryptor = new Encryptor(ring, Sampler.secure());
        double[] x = new double[params.slots()];
        for (int i = 0; i < x.length; i++) x[i] = Math.sin(i);
        Ciphertext a = encryptor.encrypt(encoder.encode(x, params.maxLevel(), params.defaultScale()), keygen.publicKey(sk));
        Ciphertext b = cpu.rotate(a, 3);

        try (DeviceEvaluator gpu = new DeviceEvaluator(ring);
             DeviceSwitchingKey drlk = new DeviceSwitchingKey(ring, rlk);
             DeviceSwitchingKey dgk = new DeviceSwitchingKey(ring, gk);
             DeviceSwitchingKey dck = new DeviceSwitchingKey(ring, ck)) {
            for (int level = params.maxLevel(); level >= 0; level--) { // grouped digits: whole, partial and single at the top
                Ciphertext al = cpu.dropLevel(a, level);
                Ciphertext bl = cpu.dropLevel(b, level);
                try (DeviceCiphertext da = DeviceCiphertext.upload(al);
                     DeviceCiphertext db = DeviceCiphertext.upload(bl);
                     DeviceCiphertext out = gpu.allocate(level, 1)) {
                    gpu.mulRelinInto(da, db, drlk, out);
                    assertSame(out.download(), cpu.mulRelin(al, bl));
                    gpu.rotateInto(da, dgk, out);
                    assertSame(out.download(), cpu.rotate(al, 3));
                    gpu.rotateInto(da, dck, out);
                    assertSame(out.download(), cpu.conjugate(al));

                    DeviceCiphertext[] outs = {gpu.allocate(level, 1), gpu.allocate(level, 1)};
                    try {
                        gpu.rotateHoistedInto(da, new DeviceSwitchingKey[] {dgk, dck}, outs);
                        assertSame(outs[0].download(), cpu.rotateHoisted(al, List.of(3)).get(3));
                        // with digits of several primes a hoisted conjugation differs from the direct one (fast conversion of
                        // -x is not minus that of x): the CPU's hoisted key switch, finished as Evaluator.finishGalois does
                        assertSame(outs[1].download(), ring.pCount() == 1 ? cpu.conjugate(al) : hoistedOnTheCpu(ring, al, conj, ck, params.logN()));
                    } finally {
                        for (DeviceCiphertext o : outs) o.close();
                    }
                    if (level > 0) {
                        Ciphertext product = cpu.mulRelin(al, bl);
                        try (DeviceCiphertext dp = DeviceCiphertext.upload(product);
                             DeviceCiphertext rescaled = gpu.allocate(level - 1, 1)) {
                            gpu.rescaleInto(dp, rescaled);
                            assertSame(rescaled.download(), cpu.rescale(product));
                        }
                    }
                }
            }
        }
    }

    /** c under the Galois key {@code key} from the CPU KeySwitcher's hoisted path: the digits of c_1, read permuted. */
    private static Ciphertext hoistedOnTheCpu(ai.based.fhe.ring.RingContext ring, Ciphertext c, long g, SwitchingKey key, int logN) {
        KeySwitcher switcher = new KeySwitcher(ring);
        int[] permutation = Galois.nttPermutation(g, logN);
        long[][][] switched = switcher.innerProduct(switcher.decompose(c.readPoly(1), c.level()), permutation, c.level(), key);
        long[] rotated = new long[ring.n()];
        for (int i = 0; i <= c.level(); i++) {
            Galois.apply(c.readPoly(0)[i], permutation, rotated);
            PolyMath.add(rotated, switched[0][i], switched[0][i], ring.modulus(i));
        }
        return new Ciphertext(switched, c.level(), c.scale());
    }

    private static void assertSame(Ciphertext device, Ciphertext host) {
        assertThat(device.level()).isEqualTo(host.level());
        assertThat(device.scale()).isEqualTo(host.scale());
        for (int p = 0; p <= host.degree(); p++) assertThat(device.poly(p)).isDeepEqualTo(host.poly(p));
    }
}
