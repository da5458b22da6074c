package ai.based.oracle.enforcer;

import java.util.List;

/**
 * Per-feature standardisation ((x - mean) / std) fitted on training samples, so stakes in the thousands and shares near
 * one reach the model on one scale. A constant feature gets std 1 (it carries no information and must not divide by 0).
 */
record FeatureScaling(double[] staticMean, double[] staticStd, double[] pastMean, double[] pastStd, double[] knownMean, double[] knownStd) {

    static FeatureScaling fit(List<TftWindows.Sample> samples) {
        if (samples.isEmpty()) throw new IllegalArgumentException("cannot fit feature scaling on no samples");
        TftWindows.Sample first = samples.get(0);
        Moments statics = new Moments(first.statics().length);
        Moments past = new Moments(first.past()[0].length);
        Moments known = new Moments(first.known().length);
        for (TftWindows.Sample s : samples) {
            statics.add(s.statics());
            for (double[] row : s.past()) past.add(row);
            known.add(s.known());
        }
        return new FeatureScaling(statics.mean(), statics.std(), past.mean(), past.std(), known.mean(), known.std());
    }

    static float[] apply(double[] values, double[] mean, double[] std, float[] into, int offset) {
        for (int j = 0; j < values.length; j++) into[offset + j] = (float) ((values[j] - mean[j]) / std[j]);
        return into;
    }

    private static final class Moments {
        private final double[] sum;
        private final double[] squares;
        private long count;

        Moments(int width) {
            sum = new double[width];
            squares = new double[width];
        }

        void add(double[] row) {
            for (int j = 0; j < row.length; j++) {
                sum[j] += row[j];
                squares[j] += row[j] * row[j];
            }
            count++;
        }

        double[] mean() {
            double[] out = new double[sum.length];
            for (int j = 0; j < out.length; j++) out[j] = sum[j] / count;
            return out;
        }

        double[] std() {
            double[] mean = mean();
            double[] out = new double[sum.length];
            for (int j = 0; j < out.length; j++) {
                double variance = Math.max(0, squares[j] / count - mean[j] * mean[j]);
                out[j] = variance > 1e-12 ? Math.sqrt(variance) : 1;
            }
            return out;
        }
    }
}
