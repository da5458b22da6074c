package ai.based.fhe.zkllm.diagnosis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class DiagnosisTrainingTest {
    @Test
    void aShortTrainingLearnsToSeparateTheHeldOutRecordsAndIsRepeatable() throws IOException {
        DiagnosisSplit split = DiagnosisSplit.standard();
        DiagnosisTrainer.Config config = new DiagnosisTrainer.Config(16, 300, 0.01f, 1e-3f, 19);
        DiagnosisModel first = DiagnosisTrainer.train(split.training(), config, System.out::println).model();
        DiagnosisModel second = DiagnosisTrainer.train(split.training(), config, line -> {}).model();
        Metrics heldOut = Metrics.of(first.scores(split.heldOut().features()), split.heldOut().labels());
        System.out.println("300 steps: held-out " + heldOut);
        assertTrue(heldOut.accuracy() > 0.9 && heldOut.auc() > 0.95, "held-out " + heldOut);
        assertArrayEquals(first.scores(split.heldOut().features()), second.scores(split.heldOut().features()), "one seed, one model");
    }

    @Test
    void theLogisticBaselineIsAStrongLinearModelOnTheseRecords() throws IOException {
        DiagnosisSplit split = DiagnosisSplit.standard();
        LogisticBaseline baseline = LogisticBaseline.fit(split.training());
        Metrics heldOut = Metrics.of(baseline.scores(split.heldOut().features()), split.heldOut().labels());
        System.out.println("logistic baseline: held-out " + heldOut);
        assertTrue(heldOut.accuracy() > 0.93 && heldOut.auc() > 0.98, "held-out " + heldOut);
    }

    @Test
    void theDefaultTrainingReproducesTheBundledPackage() throws IOException {
        DiagnosisSplit split = DiagnosisSplit.standard();
        DiagnosisPackage bundled = DiagnosisPackage.bundled();
        assertEquals(DiagnosisTrainer.Config.DEFAULT, bundled.card().config(), "the bundled package was trained with the default config");
        DiagnosisModel again = DiagnosisTrainer.train(split.training(), DiagnosisTrainer.Config.DEFAULT, line -> {}).model();
        double[] expected = bundled.model().scores(split.heldOut().features());
        double[] actual = again.scores(split.heldOut().features());
        double worst = 0;
        for (int r = 0; r < expected.length; r++) worst = Math.max(worst, Math.abs(expected[r] - actual[r]));
        System.out.printf("retrained: largest held-out score difference from the bundled package %.2e%n", worst);
        // one PyTorch thread is bit-exact on one machine; another CPU's kernels may round differently in the last bits
        assertTrue(worst < 1e-3, "the retrained model differs from the bundled one by " + worst);
    }
}
