package ai.based.cli.query;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.cli.BasedCommand;
import ai.based.cli.ExitCodes;
import ai.based.cli.model.PackageLocator;
import ai.based.client.BasedHome;
import ai.based.fhe.zkllm.diagnosis.DiagnosisPackage;
import ai.based.fhe.zkllm.diagnosis.DiagnosisSplit;
import ai.based.fhe.zkllm.model.ModelId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `based diagnose` decides on the clinic's machine alone: a malformed records file is refused by line and column
 * before any chain or miner is asked (this home has no deployment at all); and a diagnosis package is told apart from
 * a language model and named by its content id, bundled or in a directory.
 */
class DiagnoseCommandTest {
    @Test
    void aMalformedRecordsFileIsRefusedBeforeAnyNetwork(@TempDir Path dir) throws Exception {
        String[] lines = DiagnosisSplit.standard().heldOut().toCsv().split("\n");
        lines[2] = lines[2].replaceFirst(",[^,]+,", ",NaN,");
        Path broken = Files.writeString(dir.resolve("broken.csv"), String.join("\n", lines) + "\n");
        StringWriter err = new StringWriter();
        int code = BasedCommand.run(new String[] {"diagnose", "--brain", "8", "--records", broken.toString(), "--home", dir.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("line 3, column 2");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        assertThat(BasedCommand.run(new String[] {"diagnose", "--brain", "8", "--records", empty.toString(), "--home", dir.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true))).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aDiagnosisPackageIsFoundByNameOrDirectoryAndNamedByItsContent(@TempDir Path dir) throws Exception {
        BasedHome home = new BasedHome(dir);
        DiagnosisPackage bundled = DiagnosisPackage.bundled();
        assertThat(PackageLocator.isDiagnosis(home, "diagnosis")).isTrue();
        assertThat(PackageLocator.isDiagnosis(home, "tiny")).isFalse();
        assertThat(PackageLocator.contentId(home, "diagnosis")).isEqualTo(bundled.id());
        assertThat(PackageLocator.contentId(home, "tiny")).isEqualTo(ModelId.bundled("tiny"));
        DiagnosisPackage copy = DiagnosisPackage.save(bundled.model(), bundled.card(), dir.resolve("models").resolve("clinic-model"));
        assertThat(PackageLocator.isDiagnosis(home, "clinic-model")).isTrue();
        assertThat(PackageLocator.locateDiagnosis(home, "clinic-model").id()).isEqualTo(copy.id()).hasToString("diagnosis@sha256:"
                + copy.contentHash().substring(2));
    }
}
