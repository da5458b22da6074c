package ai.based.fhe.zkllm.model;

import java.util.List;

/**
 * How closely two plaintext models agree on prompts: at every position, whether their next-token argmax is the same,
 * and the largest logit difference. What a change of arithmetic (an approximate division, another model) costs.
 */
public record LogitAgreement(int positions, int agreeing, double maxLogitError) {
    public double agreement() {
        return positions == 0 ? 1 : (double) agreeing / positions;
    }

    public static LogitAgreement of(PlainGpt reference, PlainGpt candidate, List<int[]> prompts) {
        int positions = 0;
        int agreeing = 0;
        double worst = 0;
        for (int[] prompt : prompts) {
            if (prompt.length == 0) continue;
            double[][] expected = reference.logits(prompt);
            double[][] actual = candidate.logits(prompt);
            for (int t = 0; t < prompt.length; t++) {
                positions++;
                if (argmax(expected[t]) == argmax(actual[t])) agreeing++;
                for (int v = 0; v < expected[t].length; v++) worst = Math.max(worst, Math.abs(expected[t][v] - actual[t][v]));
            }
        }
        return new LogitAgreement(positions, agreeing, worst);
    }

    static int argmax(double[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
        return best;
    }
}
