package ai.based.fhe.zkllm.diagnosis;

/**
 * The plaintext baseline: L2-regularised logistic regression on the standardised measurements, fitted by Newton's
 * method (iteratively reweighted least squares) from zero weights. The objective is strictly convex, so the fit is
 * deterministic and unique: no seed, no learning rate.
 */
public record LogisticBaseline(double[] mean, double[] std, double[] weights, double bias) {
    /** The ridge on the weights (not the bias), per record. */
    public static final double L2 = 1e-2;
    private static final int NEWTON_STEPS = 50;

    public static LogisticBaseline fit(PatientRecords training) {
        int n = training.size();
        int d = DiagnosisModel.FEATURES;
        double[] mean = Standardisation.mean(training.features());
        double[] std = Standardisation.std(training.features(), mean);
        double[][] x = Standardisation.apply(training.features(), mean, std);
        double[] beta = new double[d + 1]; // weights, then bias
        for (int step = 0; step < NEWTON_STEPS; step++) {
            double[] gradient = new double[d + 1];
            double[][] hessian = new double[d + 1][d + 1];
            for (int r = 0; r < n; r++) {
                double z = beta[d];
                for (int i = 0; i < d; i++) z += beta[i] * x[r][i];
                double p = 1 / (1 + Math.exp(-z));
                double weight = p * (1 - p);
                for (int i = 0; i <= d; i++) {
                    double xi = i < d ? x[r][i] : 1;
                    gradient[i] += (p - training.labels()[r]) * xi;
                    for (int k = 0; k <= d; k++) hessian[i][k] += weight * xi * (k < d ? x[r][k] : 1);
                }
            }
            for (int i = 0; i < d; i++) {
                gradient[i] += n * L2 * beta[i];
                hessian[i][i] += n * L2;
            }
            double[] delta = solve(hessian, gradient);
            double size = 0;
            for (int i = 0; i <= d; i++) {
                beta[i] -= delta[i];
                size = Math.max(size, Math.abs(delta[i]));
            }
            if (size < 1e-12) break;
        }
        return new LogisticBaseline(mean, std, java.util.Arrays.copyOf(beta, d), beta[d]);
    }

    public double[] scores(double[][] records) {
        double[][] x = Standardisation.apply(records, mean, std);
        double[] out = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            double z = bias;
            for (int i = 0; i < weights.length; i++) z += weights[i] * x[r][i];
            out[r] = z;
        }
        return out;
    }

    /** Gaussian elimination with partial pivoting; the ridge keeps the matrix positive definite. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) m[r][k] -= f * m[c][k];
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) s -= m[r][k] * x[k];
            x[r] = s / m[r][r];
        }
        return x;
    }
}
