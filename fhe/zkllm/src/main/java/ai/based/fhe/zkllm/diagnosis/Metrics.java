package ai.based.fhe.zkllm.diagnosis;

/** Accuracy and ROC AUC of scores (logits; positive means malignant) against labels (1 malignant). */
public record Metrics(double accuracy, double auc, int records) {
    public static Metrics of(double[] scores, int[] labels) {
        if (scores.length != labels.length || scores.length == 0) {
            throw new IllegalArgumentException(scores.length + " scores for " + labels.length + " labels");
        }
        int correct = 0;
        for (int i = 0; i < scores.length; i++) if ((scores[i] > 0 ? 1 : 0) == labels[i]) correct++;
        return new Metrics((double) correct / scores.length, auc(scores, labels), scores.length);
    }

    /** The probability that a random malignant record scores above a random benign one (ties count half). */
    static double auc(double[] scores, int[] labels) {
        double wins = 0;
        long pairs = 0;
        for (int p = 0; p < scores.length; p++) {
            if (labels[p] != 1) continue;
            for (int n = 0; n < scores.length; n++) {
                if (labels[n] != 0) continue;
                pairs++;
                wins += scores[p] > scores[n] ? 1 : scores[p] == scores[n] ? 0.5 : 0;
            }
        }
        if (pairs == 0) throw new IllegalArgumentException("AUC needs records of both classes");
        return wins / pairs;
    }

    @Override
    public String toString() {
        return String.format("accuracy %.1f%% (%d records), AUC %.4f", 100 * accuracy, records, auc);
    }
}
