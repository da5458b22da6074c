package ai.based.fhe.ckks;

import static ai.based.fhe.ckks.CkksFixture.maxError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.ExtendedCiphertext;
import ai.based.fhe.rlwe.Plaintext;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The giant steps' operations in the extended basis Q P: divided by P, an extended rotation is word for word the
 * ordinary one and a ciphertext carried into Q P comes back unchanged; a baby-step giant-step sum whose giants are
 * summed undivided and divided once with the rescale decrypts to the plaintext result; with one and with several
 * special primes.
 */
class ExtendedEvaluatorTest {
    private static final List<Integer> CHAIN = List.of(55, 40, 40, 40, 40);
    private static final List<Integer> STEPS = List.of(1, 2, -4, 8);

    private static CkksFixture fixture(int specialPrimes) {
        List<Integer> logP = java.util.Collections.nCopies(specialPrimes, specialPrimes == 1 ? 60 : 55);
        Parameters params = InsecureParameters.forTest("extended basis " + specialPrimes, new ParametersLiteral(12, CHAIN, logP, 40));
        return new CkksFixture(params, STEPS, "extended-basis-" + specialPrimes);
    }

    @ParameterizedTest(name = "{0} special primes")
    @ValueSource(ints = {1, 3})
    void dividedByPExtendedRotationsAreTheOrdinaryOnesWordForWord(int specialPrimes) {
        CkksFixture f = fixture(specialPrimes);
        ExtendedEvaluator extended = f.evaluator.extended();
        Ciphertext x = f.evaluator.dropLevel(f.encrypt(CkksFixture.random(f.params.slots(), 1)), 3);
        Ciphertext before = x.copy();
        for (int step : STEPS) assertSameRows(extended.modDown(extended.rotate(x, step)), f.evaluator.rotate(x, step), "rotation by " + step);
        assertSameRows(extended.modDown(extended.extend(x)), x, "a ciphertext carried into Q P and back");
        assertSameRows(extended.modDownRescale(extended.extend(x)), f.evaluator.rescale(x), "a ciphertext carried into Q P and rescaled");
        assertSameRows(x, before, "the input");
    }

    @ParameterizedTest(name = "{0} special primes")
    @ValueSource(ints = {1, 3})
    void giantStepsSummedUndividedDecryptToThePlaintextResult(int specialPrimes) {
        CkksFixture f = fixture(specialPrimes);
        ExtendedEvaluator extended = f.evaluator.extended();
        int slots = f.params.slots();
        double[] x = CkksFixture.random(slots, 2);
        double[] d0 = CkksFixture.random(slots, 3);
        double[] d1 = CkksFixture.random(slots, 4);
        double[] d2 = CkksFixture.random(slots, 5);
        Ciphertext ct = f.encrypt(x);
        int level = ct.level();
        double plainScale = f.params.ring().modulus(level).q;
        // y = d0 x + d1 rot_1(x) + rot_8(d2 rot_2(x)): babies 0, 1, 2; giants 0 and 8
        var babies = f.evaluator.rotateHoisted(ct, List.of(1, 2));
        Ciphertext first = f.evaluator.mulPlain(ct, encode(f, d0, level, plainScale));
        f.evaluator.mulPlainAdd(babies.get(1), encode(f, d1, level, plainScale), first);
        ExtendedCiphertext sum = extended.extend(first);
        extended.addInPlace(sum, extended.rotate(f.evaluator.mulPlain(babies.get(2), encode(f, d2, level, plainScale)), 8));
        Ciphertext y = extended.modDownRescale(sum);

        double[] expected = new double[slots];
        for (int i = 0; i < slots; i++) {
            expected[i] = d0[i] * x[i] + d1[i] * x[(i + 1) % slots] + d2[(i + 8) % slots] * x[(i + 10) % slots];
        }
        assertThat(y.level()).isEqualTo(level - 1);
        assertThat(y.scale()).isEqualTo(ct.scale() * plainScale / f.params.ring().modulus(level).q);
        assertThat(maxError(expected, f.decrypt(y))).isLessThan(1e-6);
    }

    @Test
    void mismatchedOperandsAreRefusedAndChangeNothing() {
        CkksFixture f = fixture(3);
        ExtendedEvaluator extended = f.evaluator.extended();
        Ciphertext ct = f.encrypt(CkksFixture.random(f.params.slots(), 6));
        ExtendedCiphertext atTop = extended.extend(ct);
        ExtendedCiphertext lower = extended.extend(f.evaluator.dropLevel(ct, 2));
        long[] firstRow = lower.q()[0][0].clone();
        assertThatThrownBy(() -> extended.addInPlace(lower, atTop)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("levels");
        Ciphertext rescaled = f.evaluator.mulConst(ct, 1, 1 << 20);
        assertThatThrownBy(() -> extended.addInPlace(atTop, extended.extend(rescaled))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scales");
        assertThatThrownBy(() -> extended.rotate(ct, 5)).isInstanceOf(IllegalStateException.class).hasMessageContaining("no Galois key");
        assertThatThrownBy(() -> extended.modDownRescale(extended.extend(f.evaluator.dropLevel(ct, 0)))).hasMessageContaining("level 0");
        assertThatThrownBy(() -> extended.extend(f.evaluator.multiply(ct, ct))).hasMessageContaining("relinearize");
        assertThatThrownBy(() -> extended.rotate(f.evaluator.multiply(ct, ct), 1)).hasMessageContaining("relinearize");
        assertThat(lower.q()[0][0]).isEqualTo(firstRow);
    }

    private static Plaintext encode(CkksFixture f, double[] values, int level, double scale) {
        return f.encoder.encode(values, level, scale);
    }

    private static void assertSameRows(Ciphertext actual, Ciphertext expected, String what) {
        assertThat(actual.level()).as(what).isEqualTo(expected.level());
        assertThat(actual.scale()).as(what).isEqualTo(expected.scale());
        for (int d = 0; d <= expected.degree(); d++) {
            for (int i = 0; i <= expected.level(); i++) {
                int mismatch = java.util.Arrays.mismatch(actual.poly(d)[i], expected.poly(d)[i]);
                assertThat(mismatch).as("%s, component %d, row %d: first differing coefficient", what, d, i).isEqualTo(-1);
            }
        }
    }
}
