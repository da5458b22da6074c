package ai.based.fhe.ckks;

import static ai.based.fhe.ckks.CkksFixture.maxError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.io.Serializer;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.KeyDigits;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key switching with grouped digits (several special primes, one digit per group of as many ciphertext primes) on a
 * small ring: relinearisation, rotations and hoisted rotations at every level, the levels where the top digit is
 * partial included, keep the precision of one-prime digits.
 */
class GroupedDigitsTest {
    private static final List<Integer> CHAIN = List.of(55, 40, 40, 40, 40, 40);
    private static final List<Integer> STEPS = List.of(1, -3, 17);

    private static CkksFixture fixture(int specialPrimes) {
        List<Integer> logP = java.util.Collections.nCopies(specialPrimes, specialPrimes == 1 ? 60 : 55);
        Parameters params = InsecureParameters.forTest("grouped digits " + specialPrimes, new ParametersLiteral(12, CHAIN, logP, 40));
        return new CkksFixture(params, STEPS, "grouped-digits-" + specialPrimes);
    }

    @ParameterizedTest(name = "{0} special primes")
    @ValueSource(ints = {1, 2, 3, 4})
    void keysHoldOneDigitPerGroupOfPrimes(int specialPrimes) {
        CkksFixture f = fixture(specialPrimes);
        int expected = (CHAIN.size() + specialPrimes - 1) / specialPrimes;
        assertThat(KeyDigits.of(f.params.ring()).count()).isEqualTo(expected);
        assertThat(f.keys.relinearization().orElseThrow().b().length).isEqualTo(expected);
        for (SwitchingKey key : f.keys.galois().values()) {
            assertThat(key.b().length).isEqualTo(expected);
            assertThat(key.a().length).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} special primes")
    @ValueSource(ints = {2, 3, 4})
    void productsRotationsAndHoistedRotationsStayPreciseAtEveryLevel(int specialPrimes) {
        CkksFixture f = fixture(specialPrimes);
        double[] x = CkksFixture.random(f.params.slots(), 5);
        double[] y = CkksFixture.random(f.params.slots(), 6);
        Ciphertext a = f.encrypt(x);
        Ciphertext b = f.encrypt(y);
        for (int level = f.params.maxLevel(); level >= 1; level--) {
            Ciphertext atA = f.evaluator.dropLevel(a, level);
            Ciphertext atB = f.evaluator.dropLevel(b, level);
            double[] product = new double[x.length];
            for (int i = 0; i < x.length; i++) product[i] = x[i] * y[i];
            assertThat(maxError(product, f.decrypt(f.evaluator.rescale(f.evaluator.mulRelin(atA, atB)))))
                    .as("product at level %d", level).isLessThan(1e-6);
            Map<Integer, Ciphertext> hoisted = f.evaluator.rotateHoisted(atA, STEPS);
            for (int step : STEPS) {
                double[] rotated = rotated(x, step);
                assertThat(maxError(rotated, f.decrypt(f.evaluator.rotate(atA, step)))).as("rotate %d at level %d", step, level).isLessThan(1e-6);
                assertThat(maxError(rotated, f.decrypt(hoisted.get(step)))).as("hoisted %d at level %d", step, level).isLessThan(1e-6);
            }
        }
    }

    @Test
    void groupedDigitsAddNoMoreNoiseThanOnePrimeDigits() {
        double single = relinearisationError(fixture(1));
        double grouped = relinearisationError(fixture(3));
        // both are dominated by encoding and rescaling noise (about 6e-9 here); an uncorrected ModDown by several special primes measured 5x
        assertThat(grouped).isLessThan(2 * single);
    }

    @Test
    void aSerialisedGroupedKeyReadsBackAndStillRotates() {
        CkksFixture f = fixture(3);
        Serializer wire = new Serializer(f.params);
        long element = ai.based.fhe.ring.Galois.rotationElement(17, f.params.logN());
        SwitchingKey key = f.keys.galois().get(element);
        SwitchingKey read = wire.readSwitchingKey(wire.write(key));
        assertThat(read.b().length).isEqualTo(2);
        for (int j = 0; j < 2; j++) assertThat(read.b()[j]).isDeepEqualTo(key.b()[j]);
        Evaluator withRead = new Evaluator(f.params, new EvaluationKeys(Optional.empty(), Map.of(element, read)));
        double[] x = CkksFixture.random(f.params.slots(), 9);
        assertThat(maxError(rotated(x, 17), f.decrypt(withRead.rotate(f.encrypt(x), 17)))).isLessThan(1e-6);
    }

    @Test
    void aKeyWithTooFewDigitsIsRefusedBeforeAnythingIsComputed() {
        CkksFixture f = fixture(2);
        SwitchingKey full = f.keys.relinearization().orElseThrow();
        SwitchingKey truncated = SwitchingKey.of(f.params.ring(), SwitchingKey.RELINEARIZATION,
                java.util.Arrays.copyOf(full.b(), 1), java.util.Arrays.copyOf(full.a(), 1));
        Evaluator evaluator = new Evaluator(f.params, new EvaluationKeys(Optional.of(truncated), Map.of()));
        Ciphertext c = f.encrypt(CkksFixture.random(f.params.slots(), 3));
        assertThatThrownBy(() -> evaluator.mulRelin(c, c)).hasMessageContaining("the switching key has 1 digits, a ciphertext at level 5 needs 3");
        assertThatThrownBy(() -> new Serializer(f.params).write(truncated)).hasMessageContaining("does not belong to this ring's 3");
    }

    @Test
    void aLevelLimitedKeyRotatesAtItsLevelsAndRefusesHigherOnes() {
        CkksFixture f = fixture(2);
        long element = ai.based.fhe.ring.Galois.rotationElement(5, f.params.logN());
        SwitchingKey limited = new ai.based.fhe.rlwe.KeyGenerator(f.params.ring(), ai.based.fhe.ring.TestRandomness.named("limited"))
                .galoisKey(f.sk, element, 2);
        assertThat(limited.maxLevel(f.params.ring())).isEqualTo(2);
        assertThat(limited.b().length).isEqualTo(2);
        Evaluator evaluator = new Evaluator(f.params, new EvaluationKeys(Optional.empty(), Map.of(element, limited)));
        double[] x = CkksFixture.random(f.params.slots(), 11);
        Ciphertext top = f.encrypt(x);
        for (int level = 2; level >= 0; level--) {
            assertThat(maxError(rotated(x, 5), f.decrypt(evaluator.rotate(f.evaluator.dropLevel(top, level), 5)))).isLessThan(1e-6);
        }
        assertThatThrownBy(() -> evaluator.rotate(top, 5)).hasMessageContaining("the switching key serves levels up to 2, the ciphertext is at level 5");
    }

    private static double relinearisationError(CkksFixture f) {
        double[] x = CkksFixture.random(f.params.slots(), 7);
        Ciphertext a = f.encrypt(x);
        double[] square = new double[x.length];
        for (int i = 0; i < x.length; i++) square[i] = x[i] * x[i];
        return maxError(square, f.decrypt(f.evaluator.rescale(f.evaluator.mulRelin(a, a))));
    }

    private static double[] rotated(double[] x, int step) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[Math.floorMod(i + step, x.length)];
        return out;
    }
}
