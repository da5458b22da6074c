package ai.based.fhe.ckks;

import static ai.based.fhe.ckks.CkksFixture.maxError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.io.Serializer;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.SwitchingKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The evaluator's residency protocol with an accelerator ({@link HostMirrorAccelerator}: "device memory" in host
 * arrays of its own): accelerated chains upload their inputs once and leave results in the accelerator, every result
 * is the host evaluator's word for word, a host read brings rows back once, a write never leaves a stale copy, a
 * declined key runs on the host, refusals happen before anything is uploaded, and rows are never used after they
 * are freed, from several threads either.
 */
class ResidentEvaluatorTest {
    private static final List<Integer> STEPS = List.of(1, 2, -3);
    private static final CkksFixture F = new CkksFixture(InsecureParameters.forTest("resident evaluator",
            new ParametersLiteral(12, List.of(55, 40, 40, 40), List.of(60), 40)), STEPS, "resident-evaluator");

    private final double[] xs = CkksFixture.random(F.params.slots(), 1);
    private final double[] ys = CkksFixture.random(F.params.slots(), 2);

    @Test
    void anAcceleratedChainUploadsItsInputsOnceAndEqualsTheHostEvaluatorWordForWord() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        Ciphertext x = F.encrypt(xs);
        Ciphertext y = F.encrypt(ys);

        Ciphertext product = accelerated.mulRelin(x, y);
        Ciphertext rotated = accelerated.rotate(product, 1);
        Ciphertext rescaled = accelerated.rescale(rotated);
        Ciphertext conjugated = accelerated.conjugate(rescaled);
        Map<Integer, Ciphertext> hoisted = accelerated.rotateHoisted(conjugated, STEPS);
        assertThat(mirror.uploads.get()).as("uploads: x and y, once each").isEqualTo(2);
        assertThat(mirror.operations.get()).isEqualTo(4 + STEPS.size());
        assertThat(mirror.downloads.get()).as("nothing read yet").isZero();
        assertThat(hoisted.get(2).isResident()).isTrue();
        assertThat(hoisted.get(2).onHost()).isFalse();
        assertThat(x.isResident()).as("an uploaded input keeps its copy beside its host rows").isTrue();

        Evaluator host = F.evaluator;
        Ciphertext expected = host.conjugate(host.rescale(host.rotate(host.mulRelin(x, y), 1)));
        assertSameRows(conjugated, expected, "mulRelin, rotate, rescale, conjugate");
        Map<Integer, Ciphertext> expectedHoisted = host.rotateHoisted(expected, STEPS);
        for (int step : STEPS) assertSameRows(hoisted.get(step), expectedHoisted.get(step), "hoisted rotation by " + step);
        assertThat(conjugated.scale()).isEqualTo(expected.scale());

        double[] decrypted = F.decrypt(hoisted.get(1));
        double[] plain = new double[xs.length];
        for (int i = 0; i < xs.length; i++) plain[i] = xs[(i + 2) % xs.length] * ys[(i + 2) % xs.length];
        assertThat(maxError(plain, decrypted)).isLessThan(1e-4);
    }

    @Test
    void aHostReadDownloadsOnceAndKeepsTheCopyForTheNextAcceleratedOperation() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        Ciphertext x = F.encrypt(xs);
        Ciphertext rotated = accelerated.rotate(x, 1);
        Ciphertext shifted = accelerated.addConst(rotated, 0.5); // no accelerated form: reads the rows on the host
        F.decrypt(rotated);
        new Serializer(F.params).write(rotated);
        assertThat(mirror.downloads.get()).isEqualTo(1);
        assertThat(rotated.isResident()).isTrue();

        int uploads = mirror.uploads.get();
        Ciphertext twice = accelerated.rotate(rotated, 1);
        assertThat(mirror.uploads.get()).as("its copy is still valid").isEqualTo(uploads);
        assertSameRows(twice, F.evaluator.rotate(F.evaluator.rotate(x, 1), 1), "rotated twice");
        assertSameRows(shifted, F.evaluator.addConst(rotated, 0.5), "a host operation on an accelerated result");
    }

    @Test
    void aWriteIntoTheHostRowsGivesUpTheCopySoTheNextOperationSeesTheWrite() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        Ciphertext input = F.encrypt(xs);
        Ciphertext acc = accelerated.rotate(input, 1);
        Ciphertext x = F.encrypt(ys);
        F.evaluator.addInPlace(acc, x); // the host evaluator writes into acc's host rows

        assertThat(acc.isResident()).isFalse();
        assertThat(mirror.frees.get()).as("acc's stale copy freed").isGreaterThanOrEqualTo(1);
        Ciphertext rotated = accelerated.rotate(acc, 2);
        Ciphertext expectedAcc = F.evaluator.rotate(input, 1);
        F.evaluator.addInPlace(expectedAcc, x);
        assertSameRows(acc, expectedAcc, "the sum written in place");
        assertSameRows(rotated, F.evaluator.rotate(expectedAcc, 2), "the sum rotated on the accelerator");
    }

    @Test
    void aHostCiphertextIsRescaledOnTheHostWithoutAnUpload() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Ciphertext x = F.encrypt(xs);
        Ciphertext rescaled = mirror.evaluator().rescale(x);
        assertThat(mirror.uploads.get()).isZero();
        assertThat(rescaled.isResident()).isFalse();
        assertSameRows(rescaled, F.evaluator.rescale(x), "a host rescale");
    }

    @Test
    void aKeyTheAcceleratorDeclinesRunsOnTheHostAndAnOutputCopyIsIndependent() {
        SwitchingKey relinearization = F.keys.relinearization().orElseThrow();
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> key == relinearization);
        Evaluator accelerated = mirror.evaluator();
        Ciphertext x = F.encrypt(xs);
        Ciphertext rotated = accelerated.rotate(x, 1);
        Map<Integer, Ciphertext> hoisted = accelerated.rotateHoisted(x, STEPS);
        assertThat(mirror.uploads.get()).isZero();
        assertThat(rotated.isResident()).isFalse();
        assertThat(hoisted.get(-3).isResident()).isFalse();
        assertSameRows(rotated, F.evaluator.rotate(x, 1), "rotation on the host");

        Ciphertext product = accelerated.mulRelin(x, x);
        assertThat(product.isResident()).isTrue();
        Ciphertext copy = product.copy();
        copy.poly(0)[0][0] ^= 1;
        assertThat(product.isResident()).as("writing a copy leaves the original's rows alone").isTrue();
        assertSameRows(product, F.evaluator.mulRelin(x, x), "the original after its copy was written");
    }

    @Test
    void refusalsComeBeforeAnyUploadAndLeaveTheOperandsAsTheyWere() {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        Ciphertext x = F.encrypt(xs);
        Ciphertext lower = F.evaluator.dropLevel(x, 1);
        Ciphertext before = x.copy();
        assertThatThrownBy(() -> accelerated.mulRelin(x, lower)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("levels");
        assertThatThrownBy(() -> accelerated.mulRelin(F.evaluator.multiply(x, x), x)).hasMessageContaining("relinearize");
        assertThatThrownBy(() -> accelerated.rotate(x, 5)).isInstanceOf(IllegalStateException.class).hasMessageContaining("no Galois key");
        assertThatThrownBy(() -> accelerated.rotateHoisted(x, List.of(1, 7))).hasMessageContaining("no Galois key");
        assertThatThrownBy(() -> accelerated.rescale(F.evaluator.dropLevel(x, 0))).hasMessageContaining("level 0");
        assertThatThrownBy(() -> accelerated.rotate(F.evaluator.multiply(x, x), 1)).hasMessageContaining("relinearize");
        assertThat(mirror.uploads.get()).isZero();
        assertSameRows(x, before, "the operand");
    }

    @Test
    void rowsAreNeverUsedAfterTheyAreFreedWithThreadsReadingAndRotatingOneCiphertext() throws Exception {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        Ciphertext input = F.encrypt(xs);
        Ciphertext shared = accelerated.rotate(input, 1);
        Ciphertext expected = F.evaluator.rotate(F.evaluator.rotate(input, 1), 2);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Ciphertext>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int role = t % 4;
                results.add(threads.submit(() -> {
                    if (role == 0) F.decrypt(shared); // reads on the host, keeping the copy, while others rotate
                    if (role == 2) shared.poly(0); // gives the copy up (freed once no rotation holds it)
                    return accelerated.rotate(shared, 2);
                }));
            }
            for (Future<Ciphertext> result : results) assertSameRows(result.get(), expected, "a rotation on one of four threads");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aWriteWhileAnOperationHoldsTheRowsFreesThemOnlyWhenTheOperationIsDone() throws Exception {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        Ciphertext input = F.encrypt(xs);
        Ciphertext shared = accelerated.rotate(input, 1);
        Ciphertext expected = F.evaluator.rotate(F.evaluator.rotate(input, 1), 2);
        CountDownLatch inOperation = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        mirror.duringOperation(() -> {
            inOperation.countDown();
            await(written);
        });
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Ciphertext> rotation = thread.submit(() -> accelerated.rotate(shared, 2));
            await(inOperation);
            mirror.duringOperation(() -> {});
            int frees = mirror.frees.get();
            long first = shared.poly(0)[0][0]; // gives the copy up while the rotation holds it
            assertThat(mirror.frees.get()).as("not freed under the operation").isEqualTo(frees);
            written.countDown();
            assertSameRows(rotation.get(), expected, "the rotation that held the rows");
            assertThat(mirror.frees.get()).as("freed when the operation let go").isEqualTo(frees + 1);
            assertThat(shared.isResident()).isFalse();
            assertThat(first).as("the rows read are the rotation's").isEqualTo(F.evaluator.rotate(input, 1).readPoly(0)[0][0]);
        } finally {
            thread.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theAcceleratorsMemoryIsFreedWhenItsCiphertextIsCollected() throws InterruptedException {
        HostMirrorAccelerator mirror = new HostMirrorAccelerator(F.params, F.keys, key -> true);
        Evaluator accelerated = mirror.evaluator();
        Ciphertext x = F.encrypt(xs);
        for (int i = 0; i < 8; i++) accelerated.rotate(x, 1); // results dropped at once
        for (int tries = 0; tries < 100 && mirror.frees.get() < 8; tries++) {
            System.gc();
            Thread.sleep(50);
        }
        assertThat(mirror.frees.get()).isGreaterThanOrEqualTo(8);
        assertThat(x.isResident()).as("a live ciphertext keeps its copy").isTrue();
    }

    @Test
    void withoutAnAcceleratorTheEvaluatorSaysItRunsOnTheHost() {
        assertThat(F.evaluator.runsOn()).isEqualTo("host");
        assertThat(new HostMirrorAccelerator(F.params, F.keys, key -> true).evaluator().runsOn()).isEqualTo("host mirror");
        Ciphertext x = F.encrypt(xs);
        assertThat(F.evaluator.rotate(x, 1).isResident()).isFalse();
    }

    static void assertSameRows(Ciphertext actual, Ciphertext expected, String what) {
        assertThat(actual.level()).as(what).isEqualTo(expected.level());
        assertThat(actual.degree()).as(what).isEqualTo(expected.degree());
        for (int d = 0; d <= expected.degree(); d++) {
            for (int i = 0; i <= expected.level(); i++) {
                int mismatch = Arrays.mismatch(actual.readPoly(d)[i], expected.readPoly(d)[i]);
                assertThat(mismatch).as("%s, component %d, row %d: first differing coefficient", what, d, i).isEqualTo(-1);
            }
        }
    }
}
