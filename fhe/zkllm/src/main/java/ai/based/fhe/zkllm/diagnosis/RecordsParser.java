package ai.based.fhe.zkllm.diagnosis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads patient records from CSV: a header naming the 30 features (any order) and optionally {@code diagnosis}, then
 * one record per line of plain decimal numbers. Anything else is refused with its line and column, before any record is
 * used: a missing or repeated column, a short or long line, a value that is not a plain decimal number (NaN, Infinity,
 * hexadecimal, quoted and empty fields included), a negative measurement or one beyond {@link #MAX_VALUE}, an empty
 * file or one with no record. Blank lines are allowed only at the end.
 */
public final class RecordsParser {
    /** Far above any measurement in the data (the largest, a worst area, is 4254): beyond it a value is a unit error. */
    public static final double MAX_VALUE = 100_000;
    /** A clinic's batch is encrypted in memory: bound what a file can make the client allocate. */
    public static final int MAX_RECORDS = 1_000_000;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");

    private RecordsParser() {}

    public static PatientRecords read(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new RecordFileException(file.toString(), 0, 0, "not UTF-8 text");
        }
    }

    public static PatientRecords read(String csv, String source) throws IOException {
        return read(new StringReader(csv), source);
    }

    public static PatientRecords read(Reader reader, String source) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String header = in.readLine();
        if (header == null || header.strip().isEmpty()) throw new RecordFileException(source, 1, 0, "the file is empty: expected a header naming the 30 features");
        if (header.startsWith("\uFEFF")) header = header.substring(1);
        String[] names = strip(header).split(",", -1);
        Map<String, Integer> columns = new HashMap<>();
        for (int c = 0; c < names.length; c++) {
            String name = names[c].strip();
            if (!PatientRecords.FEATURES.contains(name) && !name.equals(PatientRecords.DIAGNOSIS)) {
                throw new RecordFileException(source, 1, c + 1, "unknown column '" + name + "' (expected the 30 features "
                        + PatientRecords.FEATURES.getFirst() + ", ..., " + PatientRecords.FEATURES.getLast() + " and optionally "
                        + PatientRecords.DIAGNOSIS + ")");
            }
            if (columns.putIfAbsent(name, c) != null) throw new RecordFileException(source, 1, c + 1, "column '" + name + "' appears twice");
        }
        for (String feature : PatientRecords.FEATURES) {
            if (!columns.containsKey(feature)) throw new RecordFileException(source, 1, 0, "the header lacks the column '" + feature + "'");
        }
        Integer diagnosis = columns.get(PatientRecords.DIAGNOSIS);
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int lineNumber = 1;
        int blankSince = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            line = strip(line);
            if (line.isBlank()) {
                if (blankSince == 0) blankSince = lineNumber;
                continue;
            }
            if (blankSince != 0) throw new RecordFileException(source, blankSince, 0, "an empty line between records");
            if (rows.size() == MAX_RECORDS) throw new RecordFileException(source, lineNumber, 0, "more than " + MAX_RECORDS + " records");
            String[] fields = line.split(",", -1);
            if (fields.length < names.length) {
                throw new RecordFileException(source, lineNumber, fields.length + 1, "the record has " + fields.length + " fields, the header "
                        + names.length + ": '" + names[fields.length].strip() + "' is missing");
            }
            if (fields.length > names.length) {
                throw new RecordFileException(source, lineNumber, names.length + 1, "the record has " + fields.length + " fields, the header only " + names.length);
            }
            double[] row = new double[PatientRecords.FEATURES.size()];
            for (int f = 0; f < row.length; f++) {
                int c = columns.get(PatientRecords.FEATURES.get(f));
                row[f] = measurement(source, lineNumber, c + 1, PatientRecords.FEATURES.get(f), fields[c].strip());
            }
            rows.add(row);
            if (diagnosis != null) labels.add(label(source, lineNumber, diagnosis + 1, fields[diagnosis].strip()));
        }
        if (rows.isEmpty()) throw new RecordFileException(source, 2, 0, "the file has a header but no record");
        return new PatientRecords(rows.toArray(double[][]::new), diagnosis == null ? null : labels.stream().mapToInt(Integer::intValue).toArray());
    }

    private static double measurement(String source, int line, int column, String name, String text) throws RecordFileException {
        if (text.isEmpty()) throw new RecordFileException(source, line, column, "'" + name + "' is empty");
        if (!DECIMAL.matcher(text).matches()) {
            throw new RecordFileException(source, line, column, "'" + name + "' is " + quote(text) + ", not a decimal number");
        }
        double value = Double.parseDouble(text);
        if (value < 0 || value > MAX_VALUE) {
            throw new RecordFileException(source, line, column, "'" + name + "' is " + text + ", outside the measurements' range 0 to " + (long) MAX_VALUE);
        }
        return value;
    }

    private static int label(String source, int line, int column, String text) throws RecordFileException {
        return switch (text) {
            case PatientRecords.MALIGNANT -> 1;
            case PatientRecords.BENIGN -> 0;
            default -> throw new RecordFileException(source, line, column, "the diagnosis is " + quote(text) + ", not "
                    + PatientRecords.MALIGNANT + " or " + PatientRecords.BENIGN);
        };
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Quoted and cut short, so a hostile field does not flood the message. */
    private static String quote(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
