package ai.based.fhe.ckks;

import static ai.based.fhe.ckks.CkksFixture.maxError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.rlwe.Ciphertext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Precision of every evaluator operation against the plaintext result at N = 8192, primes [60,40,40,60], scale 2^40. */
class EvaluatorTest {
    private static CkksFixture f;
    private static double[] x;
    private static double[] y;

    @BeforeAll
    static void keys() {
        f = new CkksFixture(Parameters.create(ParametersLiteral.N8192), List.of(1, 2, 5, -1, 100), "evaluator-test");
        x = CkksFixture.random(f.params.slots(), 1);
        y = CkksFixture.random(f.params.slots(), 2);
    }

    @Test
    void encodeDecodeIsPreciseWithoutEncryption() {
        double[] decoded = f.encoder.decode(f.encoder.encode(x, 2, f.params.defaultScale()));
        assertThat(maxError(x, decoded)).isLessThan(1e-9);
    }

    @Test
    void aSparseEncoderReplicatesItsSlotsAndRotationsStayWithinThePeriod() {
        Encoder sparse = new Encoder(f.params, 1024);
        double[] values = CkksFixture.random(1024, 41);
        Ciphertext c = f.encryptor.encrypt(sparse.encode(values, f.params.maxLevel(), f.params.defaultScale()), f.pk);
        double[] everySlot = f.decrypt(c);
        for (int k = 0; k < everySlot.length; k++) assertThat(everySlot[k]).isCloseTo(values[k % 1024], org.assertj.core.data.Offset.offset(1e-6));
        double[] rotated = sparse.decode(f.decryptor.decrypt(f.evaluator.rotate(c, 5)));
        assertThat(rotated).hasSize(1024);
        for (int k = 0; k < rotated.length; k++) assertThat(rotated[k]).isCloseTo(values[(k + 5) % 1024], org.assertj.core.data.Offset.offset(1e-6));
        assertThatThrownBy(() -> new Encoder(f.params, 1000)).hasMessageContaining("power of two");
        assertThatThrownBy(() -> sparse.encode(new double[1025], 1, 1e9)).hasMessageContaining("at most 1024 slots");
    }

    /**
     * A sparse encoder encodes in the subring that holds its slots once; the plaintext is the full encoder's of the
     * replicated values, up to one unit of the last place per coefficient (the two FFTs round differently), and
     * exactly zero off the multiples of the gap.
     */
    @Test
    void aSparsePlaintextIsTheFullEncodersOfTheReplicatedValues() {
        for (int period : new int[] {2, 8, 1024, f.params.slots() / 2}) {
            double[] re = CkksFixture.random(period, 50 + period);
            double[] im = CkksFixture.random(period, 60 + period);
            double[] fullRe = new double[f.params.slots()];
            double[] fullIm = new double[f.params.slots()];
            for (int k = 0; k < fullRe.length; k++) {
                fullRe[k] = re[k % period];
                fullIm[k] = im[k % period];
            }
            int level = 1;
            var sparse = new Encoder(f.params, period).encode(re, im, level, f.params.defaultScale());
            var full = f.encoder.encode(fullRe, fullIm, level, f.params.defaultScale());
            int gap = f.params.slots() / period;
            for (int i = 0; i <= level; i++) {
                long[] a = sparse.rows()[i].clone();
                long[] b = full.rows()[i].clone();
                f.params.ring().inverse(i, a);
                f.params.ring().inverse(i, b);
                long q = f.params.ring().modulus(i).q;
                for (int c = 0; c < a.length; c++) {
                    long difference = Math.floorMod(a[c] - b[c] + 1, q) - 1;
                    assertThat(Math.abs(difference)).as("period %d, prime %d, coefficient %d", period, i, c).isLessThanOrEqualTo(1);
                    if (c % gap != 0) assertThat(a[c]).as("period %d, coefficient %d off the gap", period, c).isZero();
                }
            }
        }
    }

    @Test
    void publicAndSymmetricEncryptionDecryptPrecisely() {
        assertThat(maxError(x, f.decrypt(f.encrypt(x)))).isLessThan(1e-6);
        byte[] seed = new byte[32];
        Ciphertext symmetric = f.encryptor.encryptSymmetric(f.encoder.encode(x, 2, f.params.defaultScale()), f.sk, seed);
        assertThat(maxError(x, f.decrypt(symmetric))).isLessThan(1e-6);
        assertThat(seed).isNotEqualTo(new byte[32]);
    }

    @Test
    void additionSubtractionAndNegation() {
        Ciphertext a = f.encrypt(x);
        Ciphertext b = f.encrypt(y);
        double[] sum = new double[x.length];
        double[] diff = new double[x.length];
        double[] neg = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            sum[i] = x[i] + y[i];
            diff[i] = x[i] - y[i];
            neg[i] = -x[i];
        }
        assertThat(maxError(sum, f.decrypt(f.evaluator.add(a, b)))).isLessThan(1e-6);
        assertThat(maxError(diff, f.decrypt(f.evaluator.sub(a, b)))).isLessThan(1e-6);
        assertThat(maxError(neg, f.decrypt(f.evaluator.negate(a)))).isLessThan(1e-6);
    }

    @Test
    void addingIntoAReusedDestinationEqualsTheFreshSum() {
        double[] x = CkksFixture.random(f.params.slots(), 31);
        double[] y = CkksFixture.random(f.params.slots(), 32);
        Ciphertext a = f.encrypt(x);
        Ciphertext b = f.encrypt(y);
        Ciphertext fresh = f.evaluator.add(a, b);
        Ciphertext destination = f.encrypt(x); // stale contents, overwritten
        f.evaluator.add(a, b, destination);
        for (int d = 0; d <= 1; d++) assertThat(destination.poly(d)).isDeepEqualTo(fresh.poly(d));
        f.evaluator.add(a, b, a); // into an operand
        for (int d = 0; d <= 1; d++) assertThat(a.poly(d)).isDeepEqualTo(fresh.poly(d));
        double[] sum = new double[x.length];
        for (int i = 0; i < x.length; i++) sum[i] = x[i] + y[i];
        assertThat(maxError(sum, f.decrypt(destination))).isLessThan(1e-6);
        Ciphertext product = f.evaluator.multiply(b, b);
        assertThatThrownBy(() -> f.evaluator.add(fresh, fresh, product))
                .hasMessageContaining("cannot add into a ciphertext of degree 2");
    }

    @Test
    void productAfterMulRelinAndRescaleMeetsSealsPrecision() {
        Ciphertext product = f.evaluator.rescale(f.evaluator.mulRelin(f.encrypt(x), f.encrypt(y)));
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) expected[i] = x[i] * y[i];
        assertThat(product.level()).isEqualTo(1);
        assertThat(maxError(expected, f.decrypt(product))).as("max abs error").isLessThanOrEqualTo(2e-8);
    }

    /**
     * Relinearising and rescaling in one division by P q_level: the same level and scale as the two steps, the
     * product as precise, every coefficient at most one apart from the two steps' (one rounding instead of two), the
     * inputs untouched; a degree-1 ciphertext is only rescaled, and level 0 is refused.
     */
    @Test
    void relinearizeRescaleInOneDivisionMatchesTheTwoSteps() {
        Ciphertext a = f.encrypt(x);
        Ciphertext b = f.encrypt(y);
        Ciphertext degreeTwo = f.evaluator.multiply(a, b);
        long[][][] before = {copy(degreeTwo.poly(0)), copy(degreeTwo.poly(1)), copy(degreeTwo.poly(2))};
        Ciphertext fused = f.evaluator.relinearizeRescale(degreeTwo);
        Ciphertext twoSteps = f.evaluator.rescale(f.evaluator.relinearize(degreeTwo));
        assertThat(new long[][][] {degreeTwo.poly(0), degreeTwo.poly(1), degreeTwo.poly(2)}).as("inputs untouched").isEqualTo(before);
        assertThat(fused.level()).isEqualTo(twoSteps.level()).isEqualTo(1);
        assertThat(fused.scale()).isEqualTo(twoSteps.scale());
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) expected[i] = x[i] * y[i];
        assertThat(maxError(expected, f.decrypt(fused))).as("max abs error").isLessThanOrEqualTo(2e-8);
        assertThat(maxError(expected, f.decrypt(f.evaluator.mulRelinRescale(a, b)))).isLessThanOrEqualTo(2e-8);
        var ring = f.params.ring();
        long largest = 0;
        for (int d = 0; d < 2; d++) {
            for (int t = 0; t <= fused.level(); t++) {
                long[] one = fused.poly(d)[t].clone();
                long[] other = twoSteps.poly(d)[t].clone();
                ring.inverse(t, one);
                ring.inverse(t, other);
                long q = ring.modulus(t).q;
                for (int i = 0; i < one.length; i++) {
                    long difference = Math.floorMod(one[i] - other[i], q);
                    largest = Math.max(largest, Math.min(difference, q - difference));
                }
            }
        }
        assertThat(largest).as("largest coefficient difference from ModDown then rescale").isLessThanOrEqualTo(1);
        Ciphertext relinearized = f.evaluator.relinearize(degreeTwo);
        assertThat(f.evaluator.relinearizeRescale(relinearized).poly(0)).isEqualTo(f.evaluator.rescale(relinearized).poly(0));
        Ciphertext bottom = f.evaluator.dropLevel(a, 0);
        assertThatThrownBy(() -> f.evaluator.relinearizeRescale(f.evaluator.multiply(bottom, bottom))).hasMessageContaining("depth exhausted");
        Evaluator keyless = new Evaluator(f.params, new EvaluationKeys(java.util.Optional.empty(), java.util.Map.of()));
        assertThatThrownBy(() -> keyless.relinearizeRescale(degreeTwo)).hasMessageContaining("no relinearisation key was given");
        assertThat(new long[][][] {degreeTwo.poly(0), degreeTwo.poly(1), degreeTwo.poly(2)}).as("a refusal changes nothing").isEqualTo(before);
    }

    @Test
    void plaintextAndConstantOperations() {
        Ciphertext a = f.encrypt(x);
        var plain = f.encoder.encode(y, 2, f.params.defaultScale());
        double[] product = new double[x.length];
        double[] shifted = new double[x.length];
        double[] scaled = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            product[i] = x[i] * y[i];
            shifted[i] = x[i] + 0.25;
            scaled[i] = x[i] * 3;
        }
        assertThat(maxError(product, f.decrypt(f.evaluator.rescale(f.evaluator.mulPlain(a, plain))))).isLessThan(1e-7);
        assertThat(maxError(shifted, f.decrypt(f.evaluator.addConst(a, 0.25)))).isLessThan(1e-6);
        double q2 = f.params.ring().modulus(2).q;
        assertThat(maxError(scaled, f.decrypt(f.evaluator.rescale(f.evaluator.mulConst(a, 3, q2))))).isLessThan(1e-6);
    }

    @Test
    void aFusedSumOfPlaintextProductsIsTheSumOfTheProductsWordForWord() {
        Ciphertext a = f.encrypt(x);
        Ciphertext b = f.encrypt(y);
        var p = f.encoder.encode(y, 2, f.params.defaultScale());
        var q = f.encoder.encode(x, 2, f.params.defaultScale());
        Ciphertext separate = f.evaluator.add(f.evaluator.mulPlain(a, p), f.evaluator.mulPlain(b, q));
        Ciphertext fused = f.evaluator.mulPlain(a, p);
        Ciphertext aBefore = a.copy();
        f.evaluator.mulPlainAdd(b, q, fused);
        for (int d = 0; d <= 1; d++) {
            for (int i = 0; i <= 2; i++) {
                assertThat(java.util.Arrays.mismatch(fused.poly(d)[i], separate.poly(d)[i])).as("component %d, row %d", d, i).isEqualTo(-1);
                assertThat(java.util.Arrays.mismatch(a.poly(d)[i], aBefore.poly(d)[i])).as("the product's operand").isEqualTo(-1);
            }
        }
        assertThat(fused.scale()).isEqualTo(separate.scale());

        Ciphertext sum = f.evaluator.mulPlain(a, p);
        long[] firstRow = sum.poly(0)[0].clone();
        var otherScale = f.encoder.encode(y, 2, 1 << 20);
        var lowerPlain = f.encoder.encode(y, 1, f.params.defaultScale());
        assertThatThrownBy(() -> f.evaluator.mulPlainAdd(b, otherScale, sum)).hasMessageContaining("scales");
        assertThatThrownBy(() -> f.evaluator.mulPlainAdd(b, lowerPlain, sum)).hasMessageContaining("levels");
        assertThatThrownBy(() -> f.evaluator.mulPlainAdd(f.evaluator.dropLevel(b, 1), lowerPlain, sum)).hasMessageContaining("levels");
        assertThatThrownBy(() -> f.evaluator.mulPlainAdd(f.evaluator.multiply(a, b), p, sum)).hasMessageContaining("degree-2");
        assertThat(sum.poly(0)[0]).as("a refused sum is left as it was").isEqualTo(firstRow);
    }

    @Test
    void rotationsByEveryGeneratedStepAndConjugation() {
        Ciphertext a = f.encrypt(x);
        int slots = f.params.slots();
        for (int step : List.of(1, 2, 5, -1, 100)) {
            double[] expected = new double[slots];
            for (int i = 0; i < slots; i++) expected[i] = x[Math.floorMod(i + step, slots)];
            assertThat(maxError(expected, f.decrypt(f.evaluator.rotate(a, step)))).as("rotate %d", step).isLessThan(1e-6);
        }
        assertThat(maxError(x, f.decrypt(f.evaluator.conjugate(a)))).isLessThan(1e-6);
        assertThatThrownBy(() -> f.evaluator.rotate(a, 3)).hasMessageContaining("no Galois key");
    }

    @Test
    void hoistedRotationsEqualOneByOneRotations() {
        Ciphertext a = f.encrypt(x);
        Map<Integer, Ciphertext> hoisted = f.evaluator.rotateHoisted(a, List.of(1, 2, 5));
        for (int step : List.of(1, 2, 5)) {
            Ciphertext single = f.evaluator.rotate(a, step);
            for (int d = 0; d <= 1; d++) {
                for (int i = 0; i <= a.level(); i++) {
                    assertThat(hoisted.get(step).poly(d)[i]).isEqualTo(single.poly(d)[i]);
                }
            }
        }
    }

    @Test
    void limbParallelEvaluationGivesExactlyTheInlineResult() {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            Evaluator parallel = f.evaluator.withLimbParallelism(LimbParallelism.on(pool));
            Ciphertext a = f.encrypt(x);
            Ciphertext b = f.encrypt(y);
            Ciphertext inline = f.evaluator.rescale(f.evaluator.rotate(f.evaluator.mulRelin(a, b), 1));
            Ciphertext threaded = parallel.rescale(parallel.rotate(parallel.mulRelin(a, b), 1));
            for (int d = 0; d <= 1; d++) {
                for (int i = 0; i <= inline.level(); i++) assertThat(threaded.poly(d)[i]).isEqualTo(inline.poly(d)[i]);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void depthConsumesTheWholeModulusChainThenRefuses() {
        Ciphertext c = f.encrypt(x);
        double[] expected = x.clone();
        for (int level = f.params.maxLevel(); level > 0; level--) {
            c = f.evaluator.rescale(f.evaluator.mulRelin(c, c));
            for (int i = 0; i < expected.length; i++) expected[i] *= expected[i];
        }
        assertThat(c.level()).isZero();
        assertThat(maxError(expected, f.decrypt(c))).isLessThan(1e-5);
        Ciphertext exhausted = c;
        assertThatThrownBy(() -> f.evaluator.rescale(exhausted)).hasMessageContaining("depth exhausted");
    }

    @Test
    void mismatchedScalesAndLevelsAreRefusedClearly() {
        Ciphertext a = f.encrypt(x);
        Ciphertext product = f.evaluator.mulRelin(a, a);
        assertThatThrownBy(() -> f.evaluator.add(a, product)).hasMessageContaining("scales 2^40.00 and 2^80.00 differ");
        Ciphertext lower = f.evaluator.rescale(product);
        assertThatThrownBy(() -> f.evaluator.add(a, lower)).hasMessageContaining("levels 2 and 1 differ");
    }

    @Test
    void parametersAbove128BitSecurityAreRefused() {
        var tooBig = new ParametersLiteral(13, List.of(60, 60, 60), List.of(60), 40);
        assertThatThrownBy(() -> Parameters.create(tooBig)).hasMessageContaining("log2 QP = 240 exceeds 218");
        var tinyRing = new ParametersLiteral(10, List.of(30), List.of(30), 20);
        assertThatThrownBy(() -> Parameters.create(tinyRing)).hasMessageContaining("no 128-bit entry");
        assertThat(InsecureParameters.forTest("tiny ring test", tinyRing).secure()).isFalse();
        assertThat(Parameters.create(ParametersLiteral.N16384).toString()).contains("128-bit", "8192 slots", "depth 6");
    }

    private static long[][] copy(long[][] rows) {
        long[][] copy = new long[rows.length][];
        for (int i = 0; i < rows.length; i++) copy[i] = rows[i].clone();
        return copy;
    }
}
