package ai.based.fhe.ckks;

import static ai.based.fhe.ckks.ResidentEvaluatorTest.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.circuits.DiagonalMatrix;
import ai.based.fhe.circuits.DiagonalTransform;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.ExtendedCiphertext;
import ai.based.fhe.rlwe.Plaintext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cheap operations and the extended basis on an accelerator ({@link HostMirrorAccelerator}): additions, subtractions, plaintext products
 * and their sums run there when an operand's rows already are (in place too, the host copy given up), stay on the
 * host when none is, and equal the host evaluator word for word; so do the extended basis's lift, giant rotations, sums
 * and division, and a relinearisation rescaled at once: a whole linear transform stays in the accelerator.
 */
class ResidentPlaintextOperationsTest {
    private static final int N = 16;
    private static final DiagonalTransform TRANSFORM = new DiagonalTransform(matrix());
    private static final CkksFixture F = new CkksFixture(InsecureParameters.forTest("resident plaintext operations",
            new ParametersLiteral(12, List.of(55, 40, 40), List.of(60), 40)), TRANSFORM.rotationSteps(), "resident-plaintext");

    private final double[] xs = CkksFixture.random(F.params.slots(), 3);
    private final double[] ys = CkksFixture.random(F.params.slots(), 4);

    @Test
    void plaintextProductsAndTheirSumsOfResidentRowsStayThereAndEqualTheHost() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        Ciphertext y = F.encrypt(ys);
        Ciphertext x = F.encrypt(xs);
        Plaintext p1 = plaintext(5, x.level());
        Plaintext p2 = plaintext(6, x.level());
        Ciphertext hostProduct = accelerated.mulPlain(y, p1);
        assertThat(mirror.uploads.get()).as("a host operand's product stays on the host").isZero();
        assertThat(hostProduct.isResident()).isFalse();

        Ciphertext rotated = accelerated.rotate(x, 1);
        Ciphertext sum = accelerated.mulPlain(rotated, p1);
        accelerated.mulPlainAdd(x, p2, sum);
        assertThat(sum.isResident()).isTrue();
        assertThat(sum.onHost()).isFalse();
        assertThat(mirror.uploads.get()).as("x, once: for its rotation, its copy kept for the sum").isEqualTo(1);
        assertThat(mirror.downloads.get()).isZero();

        Evaluator host = F.evaluator;
        Ciphertext expected = host.mulPlain(host.rotate(x, 1), p1);
        host.mulPlainAdd(x, p2, expected);
        assertSameRows(sum, expected, "rotate(x) p1 + x p2");
        assertThat(sum.scale()).isEqualTo(expected.scale());
        assertSameRows(hostProduct, host.mulPlain(y, p1), "y p1 on the host");
    }

    @Test
    void aSumOfPlaintextProductsIsOneOperationWhenAnOperandIsThereAndRefusesMismatchedTerms() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        Ciphertext x = F.encrypt(xs);
        Ciphertext y = F.encrypt(ys);
        Plaintext p1 = plaintext(7, x.level());
        Plaintext p2 = plaintext(8, x.level());
        Plaintext p3 = plaintext(9, x.level());
        Ciphertext onHost = accelerated.mulPlainSum(List.of(x, y), List.of(p1, p2));
        assertThat(onHost.isResident()).as("no operand in the accelerator: on the host").isFalse();

        Ciphertext r = accelerated.rotate(x, 1);
        int operations = mirror.operations.get();
        Ciphertext sum = accelerated.mulPlainSum(List.of(r, y, x), List.of(p1, p2, p3));
        assertThat(mirror.operations.get() - operations).as("one operation for the whole sum").isEqualTo(1);
        assertThat(sum.isResident() && !sum.onHost()).isTrue();
        Evaluator host = F.evaluator;
        Ciphertext expected = host.mulPlain(host.rotate(x, 1), p1);
        host.mulPlainAdd(y, p2, expected);
        host.mulPlainAdd(x, p3, expected);
        assertSameRows(sum, expected, "r p1 + y p2 + x p3");
        assertSameRows(onHost, host.mulPlainSum(List.of(x, y), List.of(p1, p2)), "x p1 + y p2 on the host");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accelerated.mulPlainSum(List.of(r, y), List.of(p1)))
                .hasMessageContaining("as many plaintexts as ciphertexts");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accelerated.mulPlainSum(List.of(), List.of())).hasMessageContaining("at least one");
        Ciphertext lower = F.evaluator.dropLevel(y, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accelerated.mulPlainSum(List.of(r, lower), List.of(p1, p2))).hasMessageContaining("levels");
        Plaintext coarse = F.encoder.encode(ys, x.level(), x.scale() * 2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accelerated.mulPlainSum(List.of(r, y), List.of(p1, coarse))).hasMessageContaining("scales");
    }

    @Test
    void sumsAndDifferencesWithAResidentOperandRunThereInPlaceOrIntoADestination() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        Evaluator host = F.evaluator;
        Ciphertext x = F.encrypt(xs);
        Ciphertext y = F.encrypt(ys);
        Ciphertext yBefore = y.copy();
        Ciphertext hostSum = accelerated.add(x, y);
        assertThat(mirror.uploads.get()).as("no operand in the accelerator: on the host").isZero();
        assertThat(hostSum.isResident()).isFalse();

        Ciphertext r = accelerated.rotate(x, 1);
        Ciphertext expectedR = host.rotate(x, 1);
        assertSameRows(accelerated.add(r, y), host.add(expectedR, y), "r + y");
        assertSameRows(accelerated.sub(y, r), host.sub(y, expectedR), "y - r");

        Ciphertext acc = y.copy();
        accelerated.addInPlace(acc, r);
        accelerated.subInPlace(acc, x);
        assertThat(acc.onHost()).as("written in the accelerator: the host copy is given up").isFalse();
        Ciphertext expectedAcc = host.sub(host.add(y, expectedR), x);
        assertSameRows(acc, expectedAcc, "y + r - x in place");

        Ciphertext destination = Ciphertext.zeros(1, x.level(), F.params.ring().n(), x.scale());
        accelerated.add(r, y, destination);
        assertThat(destination.isResident()).isTrue();
        assertSameRows(destination, host.add(expectedR, y), "r + y into a destination");
        accelerated.add(r, r, r);
        assertSameRows(r, host.add(expectedR, expectedR), "r + r into r");
        assertSameRows(y, yBefore, "an operand left as it was");
    }

    @Test
    void aHostReadRacingAnInPlaceWriteIsDroppedSoReadersSeeTheWrite() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        Ciphertext x = F.encrypt(xs);
        Ciphertext y = F.encrypt(ys);
        Ciphertext acc = accelerated.rotate(x, 1);
        mirror.duringOperation(() -> acc.readPoly(0)); // another reader, while the sum is being written: caches the old rows
        accelerated.addInPlace(acc, y);
        mirror.duringOperation(() -> {});
        assertSameRows(acc, F.evaluator.add(F.evaluator.rotate(x, 1), y), "the sum, not the rows read while it was written");
    }

    @Test
    void aWholeLinearTransformStaysInTheAcceleratorAndEqualsTheHost() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Ciphertext x = F.encrypt(xs);
        Ciphertext actual = TRANSFORM.apply(mirror.evaluator(), F.encoder, x, 0.5);
        // offsets -2, 0, 1, 2, 3, 5: babies of 4, giants -4, 0 and 4, summed over Q P and divided there
        assertThat(mirror.downloads.get()).as("nothing came back to the host").isZero();
        assertThat(mirror.uploads.get()).as("x, once").isEqualTo(1);
        assertThat(actual.isResident()).isTrue();
        assertSameRows(actual, TRANSFORM.apply(F.evaluator, F.encoder, x, 0.5), "the transform");
    }

    @Test
    void theExtendedBasisRunsInTheAcceleratorForResidentOperandsAndOnTheHostOtherwise() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        ExtendedEvaluator extended = accelerated.extended();
        ExtendedEvaluator hostExtended = F.evaluator.extended();
        Ciphertext x = F.encrypt(xs);
        ExtendedCiphertext lifted = extended.extend(x);
        assertThat(lifted.rows().isResident()).as("a host operand is lifted on the host").isFalse();
        int step = TRANSFORM.rotationSteps().get(0);

        Ciphertext r = accelerated.rotate(x, 1);
        ExtendedCiphertext sum = extended.extend(r);
        extended.addInPlace(sum, extended.rotate(x, step));
        extended.addInPlace(sum, lifted);
        Ciphertext divided = extended.modDownRescale(sum);
        assertThat(divided.isResident() && !divided.onHost()).as("left in the accelerator").isTrue();
        assertThat(mirror.downloads.get()).isZero();

        ExtendedCiphertext expected = hostExtended.extend(F.evaluator.rotate(x, 1));
        hostExtended.addInPlace(expected, hostExtended.rotate(x, step));
        hostExtended.addInPlace(expected, hostExtended.extend(x));
        assertSameRows(divided, hostExtended.modDownRescale(expected), "P r + rot(x) + P x divided by P q_level");
    }

    @Test
    void aRelinearisationRescaledAtOnceRunsInTheAccelerator() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Ciphertext x = F.encrypt(xs);
        Ciphertext y = F.encrypt(ys);
        Ciphertext product = mirror.evaluator().mulRelinRescale(x, y);
        assertThat(product.isResident()).isTrue();
        Ciphertext expected = F.evaluator.mulRelinRescale(x, y);
        assertSameRows(product, expected, "x y relinearised and rescaled");
        assertThat(product.scale()).isEqualTo(expected.scale());
        Ciphertext atZero = F.evaluator.dropLevel(x, 0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mirror.evaluator().mulRelinRescale(atZero, atZero)).hasMessageContaining("level 0");
    }

    @Test
    void tensorsRelinearisationsConstantsAndDroppedLevelsOfResidentRowsStayThereAndEqualTheHost() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        Evaluator host = F.evaluator;
        Ciphertext x = F.encrypt(xs);
        Ciphertext y = F.encrypt(ys);
        Ciphertext r = accelerated.rotate(x, 1);
        Ciphertext hostR = host.rotate(x, 1);
        Plaintext p = F.encoder.encode(ys, x.level(), x.scale());

        Ciphertext squares = accelerated.add(accelerated.multiply(r, y), accelerated.multiply(r, r)); // degree 2, summed lazily
        List<Ciphertext> results = List.of(squares, accelerated.relinearizeRescale(squares), accelerated.relinearize(squares),
                accelerated.mulConst(r, -0.75, F.params.ring().modulus(r.level()).q), accelerated.negate(r), accelerated.addConst(r, 0.3),
                accelerated.addPlain(r, p), accelerated.dropLevel(r, 1));
        for (Ciphertext result : results) assertThat(result.isResident() && !result.onHost()).as("left in the accelerator").isTrue();
        assertThat(mirror.downloads.get()).isZero();

        Ciphertext hostSquares = host.add(host.multiply(hostR, y), host.multiply(hostR, hostR));
        List<Ciphertext> expected = List.of(hostSquares, host.relinearizeRescale(hostSquares), host.relinearize(hostSquares),
                host.mulConst(hostR, -0.75, F.params.ring().modulus(r.level()).q), host.negate(hostR), host.addConst(hostR, 0.3),
                host.addPlain(hostR, p), host.dropLevel(hostR, 1));
        String[] names = {"r y + r r", "relinearised and rescaled", "relinearised", "times -0.75", "negated", "plus 0.3", "plus p", "at level 1"};
        for (int i = 0; i < names.length; i++) {
            assertSameRows(results.get(i), expected.get(i), names[i]);
            assertThat(results.get(i).scale()).as(names[i]).isEqualTo(expected.get(i).scale());
        }
    }

    private static DiagonalMatrix matrix() {
        DiagonalMatrix m = new DiagonalMatrix(N);
        Random random = new Random(7);
        for (int offset : new int[] {0, 1, 2, 3, 5, N - 2}) {
            for (int k = 0; k < N; k++) m.add(offset, k, random.nextDouble() - 0.5, random.nextDouble() - 0.5);
        }
        return m;
    }

    private Plaintext plaintext(long seed, int level) {
        return F.encoder.encode(CkksFixture.random(F.params.slots(), seed), level, F.params.ring().modulus(level).q);
    }
}
