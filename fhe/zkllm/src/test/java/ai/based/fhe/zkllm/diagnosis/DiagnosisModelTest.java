package ai.based.fhe.zkllm.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagnosisModelTest {
    @Test
    void theFoldedFormIsTheSameFunctionAsTheModel() throws IOException {
        DiagnosisModel model = DiagnosisPackage.bundled().model();
        DiagnosisModel.Folded folded = model.folded();
        PatientRecords all = DiagnosisSplit.shipped();
        double worst = 0;
        for (double[] x : all.features()) {
            double logit = folded.bias();
            for (int j = 0; j < model.hidden(); j++) {
                double g = folded.offsets()[j];
                for (int i = 0; i < DiagnosisModel.FEATURES; i++) g += folded.weights()[j][i] * x[i];
                logit += folded.signs()[j] * g * g;
            }
            worst = Math.max(worst, Math.abs(logit - model.score(x)) / Math.max(1, Math.abs(logit)));
        }
        assertTrue(worst < 1e-9, "folded and plain differ by " + worst);
    }

    @Test
    void theBundledPackageKeepsWhatItsCardStates() throws IOException {
        DiagnosisPackage bundled = DiagnosisPackage.bundled();
        DiagnosisSplit split = DiagnosisSplit.standard();
        Metrics heldOut = Metrics.of(bundled.model().scores(split.heldOut().features()), split.heldOut().labels());
        assertEquals(bundled.card().heldOut(), heldOut);
        Metrics baseline = Metrics.of(LogisticBaseline.fit(split.training()).scores(split.heldOut().features()), split.heldOut().labels());
        assertEquals(bundled.card().baseline(), baseline);
        System.out.println(bundled.card().summary() + "; content hash " + bundled.contentHash());
    }

    @Test
    void theContentHashFollowsTheBytesAndAPackageRoundTrips(@TempDir Path dir) throws IOException {
        DiagnosisPackage bundled = DiagnosisPackage.bundled();
        DiagnosisPackage saved = DiagnosisPackage.save(bundled.model(), bundled.card(), dir.resolve("copy"));
        assertEquals(bundled.contentHash(), saved.contentHash(), "the same model and card, the same bytes, the same hash");
        Path card = dir.resolve("copy").resolve(DiagnosisPackage.CARD);
        Files.writeString(card, Files.readString(card).replace("\"seed\" : 19", "\"seed\" : 20"));
        assertNotEquals(bundled.contentHash(), DiagnosisPackage.load(dir.resolve("copy")).contentHash());
        Files.write(dir.resolve("copy").resolve(DiagnosisPackage.WEIGHTS), new byte[] {1, 2, 3});
        var broken = assertThrows(IOException.class, () -> DiagnosisPackage.load(dir.resolve("copy")));
        assertTrue(broken.getMessage().contains("safetensors"), broken.getMessage());
        var missing = assertThrows(IOException.class, () -> DiagnosisPackage.load(dir.resolve("nothing")));
        assertTrue(missing.getMessage().contains("not a diagnosis model package"), missing.getMessage());
    }
}
