package ai.based.fhe.zkllm.diagnosis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DiagnosisSplitTest {
    @Test
    void theStandardSplitHoldsOutAFifthOfEachClassAndKeepsNoRecordTwice() throws IOException {
        DiagnosisSplit split = DiagnosisSplit.standard();
        assertEquals(456, split.training().size());
        assertEquals(113, split.heldOut().size());
        assertEquals(42, split.heldOut().count(1));
        assertEquals(71, split.heldOut().count(0));
        Set<String> training = new HashSet<>();
        for (double[] row : split.training().features()) training.add(Arrays.toString(row));
        for (double[] row : split.heldOut().features()) assertFalse(training.contains(Arrays.toString(row)), "a held-out record is also a training one");
    }

    @Test
    void theSplitIsAFunctionOfTheSeed() throws IOException {
        PatientRecords all = DiagnosisSplit.shipped();
        DiagnosisSplit a = DiagnosisSplit.of(all, 0.2, 19);
        DiagnosisSplit b = DiagnosisSplit.of(all, 0.2, 19);
        DiagnosisSplit other = DiagnosisSplit.of(all, 0.2, 20);
        for (int r = 0; r < a.heldOut().size(); r++) assertArrayEquals(a.heldOut().features()[r], b.heldOut().features()[r]);
        boolean differs = false;
        for (int r = 0; r < a.heldOut().size(); r++) differs |= !Arrays.equals(a.heldOut().features()[r], other.heldOut().features()[r]);
        assertEquals(true, differs, "another seed holds out other records");
    }

    @Test
    void theShippedRecordsAreTheBytesTheExtractionScriptChecked() throws Exception {
        byte[] csv;
        String recorded;
        try (var in = DiagnosisSplit.class.getResourceAsStream(DiagnosisSplit.RESOURCE);
                var sum = DiagnosisSplit.class.getResourceAsStream(DiagnosisSplit.RESOURCE + ".sha256")) {
            csv = in.readAllBytes();
            recorded = new String(sum.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).split(" ")[0];
        }
        String actual = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(csv));
        assertEquals(recorded, actual, "wdbc.csv was edited by hand: rebuild it with scripts/make-diagnosis-records.sh");
    }
}
