package ai.based.fhe.zkllm.diagnosis;

/** Per-feature mean and (population) standard deviation of training records, and their application. */
final class Standardisation {
    private Standardisation() {}

    static double[] mean(double[][] rows) {
        double[] mean = new double[rows[0].length];
        for (double[] row : rows) for (int i = 0; i < mean.length; i++) mean[i] += row[i];
        for (int i = 0; i < mean.length; i++) mean[i] /= rows.length;
        return mean;
    }

    static double[] std(double[][] rows, double[] mean) {
        double[] std = new double[mean.length];
        for (double[] row : rows) for (int i = 0; i < std.length; i++) std[i] += (row[i] - mean[i]) * (row[i] - mean[i]);
        for (int i = 0; i < std.length; i++) {
            std[i] = Math.sqrt(std[i] / rows.length);
            if (!(std[i] > 0)) throw new IllegalArgumentException("feature " + PatientRecords.FEATURES.get(i) + " is constant in the training records");
        }
        return std;
    }

    static double[][] apply(double[][] rows, double[] mean, double[] std) {
        double[][] out = new double[rows.length][mean.length];
        for (int r = 0; r < rows.length; r++) for (int i = 0; i < mean.length; i++) out[r][i] = (rows[r][i] - mean[i]) / std[i];
        return out;
    }
}
