package ai.based.fhe.zkllm.diagnosis;

import java.util.Arrays;
import java.util.List;

/**
 * Patients' measurements: one row of the 30 {@link #FEATURES} per record, and, where the file has a {@code diagnosis}
 * column, each record's class (1 malignant, 0 benign). A clinic's file has no diagnosis; the shipped records and a
 * validator's challenge set do.
 */
public record PatientRecords(double[][] features, int[] labels) {
    /** The 30 features in the model's order: scikit-learn's (means, standard errors, worsts of ten measurements). */
    public static final List<String> FEATURES = List.of("radius_mean", "texture_mean", "perimeter_mean", "area_mean",
            "smoothness_mean", "compactness_mean", "concavity_mean", "concave_points_mean", "symmetry_mean",
            "fractal_dimension_mean", "radius_se", "texture_se", "perimeter_se", "area_se", "smoothness_se", "compactness_se",
            "concavity_se", "concave_points_se", "symmetry_se", "fractal_dimension_se", "radius_worst", "texture_worst",
            "perimeter_worst", "area_worst", "smoothness_worst", "compactness_worst", "concavity_worst",
            "concave_points_worst", "symmetry_worst", "fractal_dimension_worst");
    public static final String DIAGNOSIS = "diagnosis";
    public static final String MALIGNANT = "malignant";
    public static final String BENIGN = "benign";

    public PatientRecords {
        for (double[] row : features) {
            if (row.length != FEATURES.size()) throw new IllegalArgumentException("a record has " + row.length + " features, not " + FEATURES.size());
        }
        if (labels != null && labels.length != features.length) {
            throw new IllegalArgumentException(labels.length + " labels for " + features.length + " records");
        }
    }

    public int size() {
        return features.length;
    }

    public boolean labelled() {
        return labels != null;
    }

    /** The records at {@code indices}, in that order. */
    public PatientRecords select(int[] indices) {
        double[][] rows = new double[indices.length][];
        int[] picked = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            rows[i] = features[indices[i]].clone();
            if (picked != null) picked[i] = labels[indices[i]];
        }
        return new PatientRecords(rows, picked);
    }

    public long count(int label) {
        if (labels == null) throw new IllegalStateException("the records carry no diagnosis");
        return Arrays.stream(labels).filter(l -> l == label).count();
    }

    /** The records as CSV in the shipped format (the diagnosis column only where the records have labels). */
    public String toCsv() {
        StringBuilder out = new StringBuilder(String.join(",", FEATURES));
        if (labels != null) out.append(',').append(DIAGNOSIS);
        out.append('\n');
        for (int r = 0; r < features.length; r++) {
            for (int f = 0; f < features[r].length; f++) out.append(f == 0 ? "" : ",").append(features[r][f]);
            if (labels != null) out.append(',').append(labels[r] == 1 ? MALIGNANT : BENIGN);
            out.append('\n');
        }
        return out.toString();
    }
}
