package ai.based.protocol.scoring;

import java.time.Duration;

/**
 * Scores a diagnosis miner's answer against the validator's own plaintext scores (it runs the plain classifier on the
 * held-out records it sent): a pure function of plain arrays, the diagnosis twin of {@link LogitScorer}.
 *
 * <p>A score is a logit: positive means malignant, so the decision threshold is zero. Per record: the decrypted score
 * must fall on the plaintext score's side of the threshold, else the record scores 0; a record whose plaintext score lies
 * within the tolerance of the threshold is not held against the miner (CKKS noise may honestly flip it, as near-ties
 * do in {@link LogitScorer}). With agreement, an error e within the tolerance t scores 1 and a larger one t / e. The
 * answer scores the mean over records times the latency factor. The accuracy of the decrypted classes against the
 * labels goes in the reason, for the log only: the miner is scored against the model, not against the truth.
 * Untrusted input never throws: a wrong count and any NaN or infinity score zero with a reason. A broken reference
 * is the validator's own bug and throws.
 */
public final class DiagnosisScorer {
    private final ScoringParameters parameters;

    /** @param parameters its {@code logitTolerance} is the largest score error that counts as exact */
    public DiagnosisScorer(ScoringParameters parameters) {
        this.parameters = parameters;
    }

    /**
     * @param reference the plaintext classifier's scores of the records the challenge sent
     * @param labels the records' known diagnoses (1 malignant, 0 benign)
     * @param decrypted what the validator decrypted from the miner's reply: untrusted, may be null, any length or value
     * @param latency how long the miner took to answer
     */
    public Score score(double[] reference, int[] labels, double[] decrypted, Duration latency) {
        checkReference(reference, labels);
        if (latency == null || latency.isNegative()) throw new IllegalArgumentException("a measured latency cannot be negative or missing: " + latency);
        if (decrypted == null || decrypted.length != reference.length) {
            return Score.zero("expected " + reference.length + " scores, got " + (decrypted == null ? "none" : decrypted.length));
        }
        for (int r = 0; r < decrypted.length; r++) {
            if (!Double.isFinite(decrypted[r])) return Score.zero("record " + r + " has a non-finite score (" + decrypted[r] + ")");
        }
        double latencyFactor = parameters.latencyFactor(latency);
        if (latencyFactor == 0) return Score.zero("answered after the timeout (" + latency.toMillis() + " ms)");
        double tolerance = parameters.logitTolerance();
        double total = 0;
        double maxError = 0;
        int disagreements = 0;
        int nearThreshold = 0;
        int correct = 0;
        for (int r = 0; r < reference.length; r++) {
            double error = Math.abs(decrypted[r] - reference[r]);
            maxError = Math.max(maxError, error);
            if ((decrypted[r] > 0 ? 1 : 0) == labels[r]) correct++;
            boolean near = Math.abs(reference[r]) <= tolerance;
            if (near) nearThreshold++;
            if (!near && (decrypted[r] > 0) != (reference[r] > 0)) {
                disagreements++;
                continue;
            }
            total += error <= tolerance ? 1 : tolerance / error;
        }
        double value = total / reference.length * latencyFactor;
        String verdict = disagreements > 0 ? disagreements + " of " + reference.length + " classes disagree with the plaintext model"
                : value < 1 ? "score error over tolerance or latency over target" : "exact";
        String reason = String.format("%s; max score error %.3g against a tolerance of %.3g%s; accuracy %d/%d against the labels", verdict, maxError, tolerance,
                nearThreshold > 0 ? ", " + nearThreshold + " records within the tolerance of the threshold" : "", correct, reference.length);
        return new Score(value, reason);
    }

    private static void checkReference(double[] reference, int[] labels) {
        if (reference == null || reference.length == 0) throw new IllegalArgumentException("cannot score: the reference has no records");
        if (labels == null || labels.length != reference.length) {
            throw new IllegalArgumentException("cannot score: " + reference.length + " reference scores for " + (labels == null ? "no" : labels.length) + " labels");
        }
        for (double value : reference) {
            if (!Double.isFinite(value)) throw new IllegalArgumentException("cannot score: the reference model produced " + value);
        }
        for (int label : labels) {
            if (label != 0 && label != 1) throw new IllegalArgumentException("cannot score: a label is 0 (benign) or 1 (malignant), got " + label);
        }
    }
}
