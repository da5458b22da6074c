package ai.based.gpu;

import ai.based.fhe.circuits.DiagonalMatrix;
import ai.based.fhe.circuits.DiagonalTransform;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ckks.ParametersLiteral;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.ring.Galois;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Decryptor;
import ai.based.fhe.rlwe.Encryptor;
import ai.based.fhe.rlwe.KeyGenerator;
import ai.based.fhe.rlwe.SecretKey;
import ai.based.fhe.rlwe.SwitchingKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The library's Evaluator with the device accelerator (what a miner with a GPU runs): a chain of multiply +
 * relinearise, rotations, conjugation, hoisted rotations and rescales stays on the device and gives the host
 * evaluator's residues word for word; host reads, writes, serialisation and decryption of device results are right;
 * a compact key (a miner's) runs on the device, a level-limited one too (refused above its level); refusals leave the operands alone; a
 * linear transform's babies, plaintext products and inner sums run there too. Needs a CUDA device (skipped without one).
 */
class ResidentDeviceTest {
    private static final List<Integer> STEPS = List.of(1, 2, -3);

    @ParameterizedTest(name = "{0}")
    @MethodSource("ai.based.gpu.DeviceEvaluatorTest#rings")
    void theAcceleratedEvaluatorGivesTheHostsResiduesThroughAChain(ParametersLiteral literal) {
        assumeTrue(GpuDevice.kernels() != null && new GpuBackend().available(), () -> "no CUDA device: " + GpuDevice.reason());
        Parameters params = Parameters.create(literal);
        KeyGenerator keygen = new KeyGenerator(params.ring(), Sampler.secure());
        SecretKey sk = keygen.secretKey();
        Map<Long, SwitchingKey> galois = new HashMap<>();
        for (int step : STEPS) galois.put(Galois.rotationElement(step, params.logN()), keygen.galoisKey(sk, Galois.rotationElement(step, params.logN())));
        long conjugation = Galois.conjugationElement(params.logN());
        galois.put(conjugation, keygen.galoisKey(sk, conjugation));
        EvaluationKeys keys = new EvaluationKeys(Optional.of(keygen.relinearizationKey(sk)), galois);
        Evaluator device = new Evaluator(params, keys);
        Evaluator host = device.hostOnly();
        assertThat(device.runsOn()).startsWith("gpu");

        Encoder encoder = new Encoder(params);
        Encryptor encryptor = new Encryptor(params.ring(), Sampler.secure());
        double[] xs = new double[params.slots()];
        for (int i = 0; i < xs.length; i++) xs[i] = Math.sin(i);
        Ciphertext x = encryptor.encrypt(encoder.encode(xs, params.maxLevel(), params.defaultScale()), keygen.publicKey(sk));

        Ciphertext square = device.mulRelin(x, x);
        Ciphertext rotated = device.rescale(device.rotate(square, 1));
        Ciphertext conjugated = device.conjugate(rotated);
        Map<Integer, Ciphertext> hoisted = device.rotateHoisted(conjugated, STEPS);
        assertThat(hoisted.get(2).isResident()).isTrue();
        assertThat(hoisted.get(2).onHost()).isFalse();

        Ciphertext expected = host.conjugate(host.rescale(host.rotate(host.mulRelin(x, x), 1)));
        assertSameRows(conjugated, expected, "mulRelin, rotate, rescale, conjugate");
        Map<Integer, Ciphertext> expectedHoisted = host.rotateHoisted(expected, STEPS);
        for (int step : STEPS) assertSameRows(hoisted.get(step), expectedHoisted.get(step), "hoisted rotation by " + step);

        double[] decrypted = encoder.decode(new Decryptor(params.ring(), sk).decrypt(hoisted.get(1)));
        assertThat(Math.abs(decrypted[0] - xs[2] * xs[2])).isLessThan(1e-3);
        Serializer serializer = new Serializer(params);
        assertSameRows(serializer.readCiphertext(serializer.write(hoisted.get(-3))), expectedHoisted.get(-3), "a device result serialised");

        Ciphertext acc = device.rotate(x, 1);
        device.addInPlace(acc, x); // written in place on the device
        Ciphertext expectedAcc = host.rotate(x, 1);
        host.addInPlace(expectedAcc, x);
        assertSameRows(device.rotate(acc, 2), host.rotate(expectedAcc, 2), "a written result rotated on the device");

        Evaluator compact = new Evaluator(params, keys.compact()); // a miner holds its clients' keys so
        Ciphertext compactRotation = compact.rotate(x, 1);
        assertThat(compactRotation.isResident()).as("a compact key goes to the device whole").isTrue();
        assertSameRows(compactRotation, host.rotate(x, 1), "a compact key's rotation");
        Evaluator limited = new Evaluator(params, new EvaluationKeys(Optional.empty(),
                Map.of(Galois.rotationElement(1, params.logN()), keygen.galoisKey(sk, Galois.rotationElement(1, params.logN()), 1))));
        Ciphertext limitedRotation = limited.rotate(host.dropLevel(x, 1), 1);
        assertThat(limitedRotation.isResident()).as("a level-limited key's rotation runs on the device").isTrue();
        assertSameRows(limitedRotation, limited.hostOnly().rotate(host.dropLevel(x, 1), 1), "a level-limited key's rotation");
        assertThatThrownBy(() -> limited.rotate(x, 1)).as("above the key's level, refused as on the CPU")
                .hasMessageContaining("serves levels up to 1");
        assertThatThrownBy(() -> limited.hostOnly().rotate(x, 1)).hasMessageContaining("serves levels up to 1");

        Ciphertext before = x.copy();
        assertThatThrownBy(() -> device.mulRelin(x, host.dropLevel(x, 1))).hasMessageContaining("levels");
        assertThatThrownBy(() -> device.rotate(x, 7)).hasMessageContaining("no Galois key");
        assertThatThrownBy(() -> device.rescale(host.dropLevel(x, 0))).hasMessageContaining("level 0");
        assertSameRows(x, before, "the operand after refusals");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ai.based.gpu.DeviceEvaluatorTest#rings")
    void theCheapOperationsALinearTransformAndLazyRelinearisationsGiveTheHostsResidues(ParametersLiteral literal) {
        assumeTrue(GpuDevice.kernels() != null && new GpuBackend().available(), () -> "no CUDA device: " + GpuDevice.reason());
        Parameters params = Parameters.create(literal);
        DiagonalMatrix matrix = new DiagonalMatrix(16);
        java.util.Random random = new java.util.Random(7);
        for (int offset : new int[] {0, 1, 2, 3, 5, 14}) {
            for (int k = 0; k < 16; k++) matrix.add(offset, k, random.nextDouble() - 0.5, random.nextDouble() - 0.5);
        }
        DiagonalTransform transform = new DiagonalTransform(matrix);
        KeyGenerator keygen = new KeyGenerator(params.ring(), Sampler.secure());
        SecretKey sk = keygen.secretKey();
        Map<Long, SwitchingKey> galois = new HashMap<>();
        for (int step : transform.rotationSteps()) {
            galois.put(Galois.rotationElement(step, params.logN()), keygen.galoisKey(sk, Galois.rotationElement(step, params.logN())));
        }
        Evaluator device = new Evaluator(params, new EvaluationKeys(Optional.empty(), galois));
        Evaluator host = device.hostOnly();
        Encoder encoder = new Encoder(params);
        double[] xs = new double[params.slots()];
        for (int i = 0; i < xs.length; i++) xs[i] = Math.cos(i);
        Ciphertext x = new Encryptor(params.ring(), Sampler.secure()).encrypt(encoder.encode(xs, params.maxLevel(), params.defaultScale()),
                keygen.publicKey(sk));
        int level = x.level();
        var p1 = encoder.encode(xs, level, params.ring().modulus(level).q);
        var p2 = encoder.encode(Arrays.copyOf(xs, 5), level, params.ring().modulus(level).q);

        Ciphertext r = device.rotate(x, 1);
        Ciphertext sum = device.mulPlain(r, p1);
        device.mulPlainAdd(x, p2, sum);
        device.subInPlace(sum, device.mulPlain(r, p2));
        Ciphertext total = device.add(sum, device.mulPlain(x, p1));
        assertThat(total.isResident() && !total.onHost()).as("left on the device").isTrue();
        Ciphertext expected = host.mulPlain(host.rotate(x, 1), p1);
        host.mulPlainAdd(x, p2, expected);
        host.subInPlace(expected, host.mulPlain(host.rotate(x, 1), p2));
        assertSameRows(total, host.add(expected, host.mulPlain(x, p1)), "r p1 + x p2 - r p2 + x p1");
        assertSameRows(transform.apply(device, encoder, x, 0.5), transform.apply(host, encoder, x, 0.5), "a linear transform");
        Ciphertext low = host.dropLevel(x, 2); // the offsets of every layout below the top level
        assertSameRows(transform.apply(device, encoder, low, 0.5), transform.apply(host, encoder, low, 0.5), "a linear transform at level 2");

        Evaluator withRelinearization = new Evaluator(params, new EvaluationKeys(Optional.of(keygen.relinearizationKey(sk)), galois));
        Evaluator hostRelinearization = withRelinearization.hostOnly();
        Ciphertext rr = withRelinearization.rotate(x, 1);
        Ciphertext hostRr = hostRelinearization.rotate(x, 1);
        Ciphertext squares = withRelinearization.add(withRelinearization.multiply(rr, x), withRelinearization.multiply(rr, rr));
        Ciphertext hostSquares = hostRelinearization.add(hostRelinearization.multiply(hostRr, x), hostRelinearization.multiply(hostRr, hostRr));
        assertSameRows(withRelinearization.relinearizeRescale(squares), hostRelinearization.relinearizeRescale(hostSquares), "a lazy relinearisation rescaled");
        assertSameRows(withRelinearization.relinearize(squares), hostRelinearization.relinearize(hostSquares), "a lazy relinearisation");
        assertSameRows(withRelinearization.mulRelinRescale(rr, x), hostRelinearization.mulRelinRescale(hostRr, x), "mulRelinRescale");
        Ciphertext lowR = withRelinearization.dropLevel(rr, 2);
        Ciphertext hostLowR = host.dropLevel(hostRr, 2);
        Ciphertext lowX = host.dropLevel(x, 2);
        assertSameRows(withRelinearization.mulRelinRescale(lowR, lowX), hostRelinearization.mulRelinRescale(hostLowR, lowX), "mulRelinRescale at level 2");
        assertSameRows(withRelinearization.relinearizeRescale(withRelinearization.multiply(lowR, lowX)),
                hostRelinearization.relinearizeRescale(hostRelinearization.multiply(hostLowR, lowX)), "relinearizeRescale at level 2");
        double prime = params.ring().modulus(level).q;
        assertSameRows(withRelinearization.mulConst(rr, -0.75, prime), host.mulConst(hostRr, -0.75, prime), "times a constant");
        assertSameRows(withRelinearization.negate(rr), host.negate(hostRr), "negated");
        assertSameRows(withRelinearization.addConst(rr, 0.3), host.addConst(hostRr, 0.3), "plus a constant");
        var plain = encoder.encode(xs, level, rr.scale());
        assertSameRows(withRelinearization.addPlain(rr, plain), host.addPlain(hostRr, plain), "plus a plaintext");
        assertSameRows(withRelinearization.dropLevel(rr, 2), host.dropLevel(hostRr, 2), "dropped to level 2");
    }

    private static void assertSameRows(Ciphertext actual, Ciphertext expected, String what) {
        assertThat(actual.level()).as(what).isEqualTo(expected.level());
        assertThat(actual.scale()).as(what).isEqualTo(expected.scale());
        for (int d = 0; d <= expected.degree(); d++) {
            for (int i = 0; i <= expected.level(); i++) {
                assertThat(Arrays.mismatch(actual.readPoly(d)[i], expected.readPoly(d)[i])).as("%s, component %d, row %d", what, d, i).isEqualTo(-1);
            }
        }
    }
}
