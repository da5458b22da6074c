package ai.based.fhe.zkllm.diagnosis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
}
