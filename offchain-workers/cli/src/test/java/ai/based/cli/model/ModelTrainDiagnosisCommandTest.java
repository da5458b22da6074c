package ai.based.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.cli.BasedCommand;
import ai.based.cli.ExitCodes;
import ai.based.fhe.zkllm.diagnosis.DiagnosisPackage;
import ai.based.fhe.zkllm.diagnosis.PatientRecords;
import ai.based.fhe.zkllm.diagnosis.RecordsParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `based model train-diagnosis` trains with DJL, writes a package that loads with the hash it printed, and the held-out records. */
class ModelTrainDiagnosisCommandTest {
    @Test
    void trainsAndWritesAPackageAndTheHeldOutRecords(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BasedCommand.run(new String[] {"model", "train-diagnosis", "--steps", "200", "--home", dir.toString(), "--out",
            dir.resolve("pkg").toString(), "--write-held-out", dir.resolve("held-out.csv").toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        DiagnosisPackage written = DiagnosisPackage.load(dir.resolve("pkg"));
        assertThat(out.toString()).contains("content hash " + written.contentHash(), "logistic-regression baseline");
        assertThat(written.card().heldOut().accuracy()).isGreaterThan(0.9);
        PatientRecords heldOut = RecordsParser.read(dir.resolve("held-out.csv"));
        assertThat(heldOut.size()).isEqualTo(113);
        assertThat(heldOut.labelled()).isTrue();
    }

    @Test
    void tooManyHiddenUnitsForOneCiphertextIsAUsageError(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        int code = BasedCommand.run(new String[] {"model", "train-diagnosis", "--hidden", "33", "--home", dir.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("hidden units must be 1 to 32");
    }
}
