package ai.based.fhe.zkllm.diagnosis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordsParserTest {
    private static final String HEADER = String.join(",", PatientRecords.FEATURES);

    /** A record whose feature f is f + 1.5. */
    private static String row() {
        List<String> values = new ArrayList<>();
        for (int f = 0; f < PatientRecords.FEATURES.size(); f++) values.add(Double.toString(f + 1.5));
        return String.join(",", values);
    }

    private static RecordFileException refused(String csv) {
        return assertThrows(RecordFileException.class, () -> RecordsParser.read(csv, "clinic.csv"));
    }

    @Test
    void aClinicFileWithoutDiagnosisReadsItsRecords() throws IOException {
        PatientRecords records = RecordsParser.read(HEADER + "\n" + row() + "\r\n" + row() + "\n\n", "clinic.csv");
        assertEquals(2, records.size());
        assertFalse(records.labelled());
        assertEquals(30.5, records.features()[1][29]);
    }

    @Test
    void columnsAreFoundByNameInAnyOrder() throws IOException {
        List<String> names = new ArrayList<>(PatientRecords.FEATURES);
        names.add(PatientRecords.DIAGNOSIS);
        List<String> values = new ArrayList<>(List.of(row().split(",")));
        values.add("malignant");
        Collections.reverse(names);
        Collections.reverse(values);
        PatientRecords records = RecordsParser.read(String.join(",", names) + "\n" + String.join(",", values) + "\n", "reversed.csv");
        assertEquals(1.5, records.features()[0][0]);
        assertEquals(30.5, records.features()[0][29]);
        assertArrayEquals(new int[] {1}, records.labels());
    }

    @Test
    void theShippedRecordsReadBackWhatTheyHold() throws IOException {
        PatientRecords all = DiagnosisSplit.shipped();
        assertEquals(569, all.size());
        assertEquals(212, all.count(1));
        assertEquals(357, all.count(0));
        assertEquals(17.99, all.features()[0][0]);
        PatientRecords again = RecordsParser.read(all.toCsv(), "written back");
        assertArrayEquals(all.labels(), again.labels());
        for (int r = 0; r < all.size(); r++) assertArrayEquals(all.features()[r], again.features()[r]);
    }

    @Test
    void emptyFilesAndHeadersWithoutRecordsAreRefused() {
        assertEquals(1, refused("").line());
        assertTrue(refused("").getMessage().contains("the file is empty"), refused("").getMessage());
        RecordFileException onlyHeader = refused(HEADER + "\n\n");
        assertEquals(2, onlyHeader.line());
        assertTrue(onlyHeader.getMessage().contains("no record"), onlyHeader.getMessage());
    }

    @Test
    void aMissingUnknownOrRepeatedColumnIsNamed() {
        RecordFileException missing = refused(HEADER.replace(",area_se,", ",") + "\n");
        assertTrue(missing.getMessage().contains("lacks the column 'area_se'"), missing.getMessage());
        RecordFileException unknown = refused(HEADER + ",patient_name\n" + row() + ",Alice\n");
        assertEquals(1, unknown.line());
        assertEquals(31, unknown.column());
        assertTrue(unknown.getMessage().contains("unknown column 'patient_name'"), unknown.getMessage());
        RecordFileException twice = refused(HEADER + ",radius_mean\n");
        assertEquals(31, twice.column());
        assertTrue(twice.getMessage().contains("appears twice"), twice.getMessage());
    }

    @Test
    void aShortOrLongRecordIsRefusedWithItsLineAndColumn() {
        String shortRow = row().substring(0, row().lastIndexOf(','));
        RecordFileException tooShort = refused(HEADER + "\n" + row() + "\n" + shortRow + "\n");
        assertEquals(3, tooShort.line());
        assertEquals(30, tooShort.column());
        assertTrue(tooShort.getMessage().contains("'fractal_dimension_worst' is missing"), tooShort.getMessage());
        RecordFileException tooLong = refused(HEADER + "\n" + row() + ",7\n");
        assertEquals(2, tooLong.line());
        assertEquals(31, tooLong.column());
    }

    @Test
    void valuesThatAreNotPlainFiniteMeasurementsAreRefusedWithLineAndColumn() {
        for (String hostile : new String[] {"NaN", "Infinity", "-Infinity", "abc", "0x1p3", "1e999", "\"3.5\"", "", " ", "1;5", "3.5d", "-2", "1e6"}) {
            String[] fields = row().split(",");
            fields[4] = hostile;
            RecordFileException e = refused(HEADER + "\n" + row() + "\n" + row() + "\n" + String.join(",", fields) + "\n");
            assertEquals(4, e.line(), hostile + ": " + e.getMessage());
            assertEquals(5, e.column(), hostile + ": " + e.getMessage());
            assertTrue(e.getMessage().startsWith("cannot read the records in clinic.csv: line 4, column 5: "), e.getMessage());
        }
    }

    @Test
    void aWrongDiagnosisAndAnEmptyLineBetweenRecordsAreRefused() {
        RecordFileException diagnosis = refused(HEADER + ",diagnosis\n" + row() + ",maybe\n");
        assertEquals(31, diagnosis.column());
        assertTrue(diagnosis.getMessage().contains("\"maybe\", not malignant or benign"), diagnosis.getMessage());
        RecordFileException gap = refused(HEADER + "\n" + row() + "\n\n" + row() + "\n");
        assertEquals(3, gap.line());
    }

    @Test
    void aFileThatIsNotTextIsRefused(@TempDir Path dir) throws IOException {
        Path binary = dir.resolve("records.csv");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, (byte) 0xc3});
        var e = assertThrows(RecordFileException.class, () -> RecordsParser.read(binary));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }
}
