package ai.based.protocol.scoring;

/**
 * Scores a miner's answer against the validator's own plaintext reference (it knows the prompt), after the
 * bittensor template's {@code reward.py}: a pure function of plain arrays.
 *
 * <p>Per position: the decrypted argmax must name a token whose reference logit is within the tolerance of the
 * reference maximum (so CKKS noise between near-equal logits is not punished), else the position scores 0;
 * with agreement, a largest logit error e within the tolerance t scores 1 and a larger one t / e. The answer
 * scores the mean over positions times the latency factor. Untrusted input never throws: a timeout, a wrong shape
 * and any NaN or infinity score zero with a reason. A broken reference is the validator's own bug and throws.
 */
public final class LogitScorer {
    private final ScoringParameters parameters;

    public LogitScorer(ScoringParameters parameters) {
        this.parameters = parameters;
    }

    public Score score(double[][] reference, ChallengeOutcome outcome) {
        checkReference(reference);
        if (!(outcome instanceof ChallengeOutcome.Answered answered)) return Score.zero("no answer before the timeout");
        double[][] logits = answered.logits();
        String shapeError = shapeError(reference, logits);
        if (shapeError != null) return Score.zero(shapeError);
        double latencyFactor = parameters.latencyFactor(answered.latency());
        if (latencyFactor == 0) return Score.zero("answered after the timeout (" + answered.latency().toMillis() + " ms)");
        double total = 0;
        int disagreements = 0;
        for (int p = 0; p < reference.length; p++) {
            double position = positionScore(reference[p], logits[p]);
            if (position == 0) disagreements++;
            total += position;
        }
        double value = total / reference.length * latencyFactor;
        String reason = disagreements > 0 ? disagreements + " of " + reference.length + " positions disagree"
                : value < 1 ? "logit error over tolerance or latency over target" : "exact";
        return new Score(value, reason);
    }

    private double positionScore(double[] reference, double[] decrypted) {
        double referenceMax = reference[argmax(reference)];
        if (reference[argmax(decrypted)] < referenceMax - parameters.logitTolerance()) return 0;
        double error = 0;
        for (int k = 0; k < reference.length; k++) error = Math.max(error, Math.abs(decrypted[k] - reference[k]));
        if (error <= parameters.logitTolerance()) return 1;
        return Double.isFinite(error) ? parameters.logitTolerance() / error : 0;
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) best = k;
        }
        return best;
    }

    /** Null when the answer has the reference's shape and only finite values, else why not. */
    private static String shapeError(double[][] reference, double[][] logits) {
        if (logits == null || logits.length != reference.length) {
            return "expected " + reference.length + " positions, got " + (logits == null ? "none" : logits.length);
        }
        for (int p = 0; p < logits.length; p++) {
            if (logits[p] == null || logits[p].length != reference[p].length) {
                return "position " + p + ": expected " + reference[p].length + " logits, got " + (logits[p] == null ? "none" : logits[p].length);
            }
            for (double value : logits[p]) {
                if (!Double.isFinite(value)) return "position " + p + " holds a non-finite logit (" + value + ")";
            }
        }
        return null;
    }

    private static void checkReference(double[][] reference) {
        if (reference == null || reference.length == 0) throw new IllegalArgumentException("cannot score: the reference has no positions");
        for (double[] row : reference) {
            if (row == null || row.length == 0) throw new IllegalArgumentException("cannot score: a reference position has no logits");
            for (double value : row) {
                if (!Double.isFinite(value)) throw new IllegalArgumentException("cannot score: the reference model produced " + value);
            }
        }
    }
}
