package ai.based.fhe.ckks;

import static ai.based.fhe.ckks.ResidentEvaluatorTest.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.circuits.DiagonalMatrix;
import ai.based.fhe.circuits.DiagonalTransform;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.Plaintext;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The cheap operations on an accelerator ({@link HostMirrorAccelerator}): additions, subtractions, plaintext products
 * and their sums run there when an operand's rows already are (in place too, the host copy given up), stay on the
 * host when none is, and equal the host evaluator word for word; a linear transform's baby rotations and inner sums
 * stay in the accelerator up to its giant steps.
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
    void aLinearTransformKeepsItsBabiesAndInnerSumsInTheAcceleratorUpToItsGiantSteps() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Ciphertext x = F.encrypt(xs);
        Ciphertext actual = TRANSFORM.apply(mirror.evaluator(), F.encoder, x, 0.5);
        Ciphertext expected = TRANSFORM.apply(F.evaluator, F.encoder, x, 0.5);
        assertSameRows(actual, expected, "the transform");
        // offsets -2, 0, 1, 2, 3, 5: babies of 4, giants -4, 0 and 4. The extended basis has no accelerated form, so
        // each giant group's inner sum comes to the host once, and nothing else does
        assertThat(mirror.downloads.get()).isEqualTo(3);
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
