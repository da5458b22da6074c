package ai.based.fhe.zkllm.diagnosis;

import java.util.Locale;

/** Decrypted scores turned into what a clinic reads: per record, the logit, the probability of malignancy and the class. */
public record Predictions(double[] scores) {
    public static double probability(double score) {
        return 1 / (1 + Math.exp(-score));
    }

    /** CSV with a header: {@code record} (1-based, in the order of the records file), score, probability, diagnosis. */
    public String toCsv() {
        StringBuilder out = new StringBuilder("record,score,probability_malignant,diagnosis\n");
        for (int r = 0; r < scores.length; r++) {
            out.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%s\n", r + 1, scores[r], probability(scores[r]),
                    scores[r] > 0 ? PatientRecords.MALIGNANT : PatientRecords.BENIGN));
        }
        return out.toString();
    }
}
