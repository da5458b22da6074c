package ai.based.fhe.circuits;

import java.util.Map;
import java.util.TreeMap;

/**
 * A complex n x n matrix held by its nonzero diagonals: (M x)_k = sum_d diag_d[k] x_((k + d) mod n). This is the form
 * the homomorphic evaluation needs (a diagonal times a rotation of x), and the product of two such matrices stays
 * sparse when their diagonals are few, which is how the factored DFT of bootstrapping merges its stages.
 */
public final class DiagonalMatrix {
    private final int n;
    /** offset in 0..n-1 -> {real parts, imaginary parts} */
    private final Map<Integer, double[][]> diagonals = new TreeMap<>();

    public DiagonalMatrix(int n) {
        this.n = n;
    }

    public int size() {
        return n;
    }

    /** Adds {@code re + i im} to entry k of diagonal {@code offset} (taken mod n). */
    public void add(int offset, int k, double re, double im) {
        double[][] d = diagonals.computeIfAbsent(Math.floorMod(offset, n), o -> new double[2][n]);
        d[0][k] += re;
        d[1][k] += im;
    }

    public Map<Integer, double[][]> diagonals() {
        return diagonals;
    }

    /** this * other (other applied first): diag_(a+b)[k] += alpha_a[k] * beta_b[k + a]. */
    public DiagonalMatrix times(DiagonalMatrix other) {
        DiagonalMatrix out = new DiagonalMatrix(n);
        for (var a : diagonals.entrySet()) {
            for (var b : other.diagonals.entrySet()) {
                int shift = a.getKey();
                double[][] alpha = a.getValue();
                double[][] beta = b.getValue();
                for (int k = 0; k < n; k++) {
                    int j = (k + shift) % n;
                    double re = alpha[0][k] * beta[0][j] - alpha[1][k] * beta[1][j];
                    double im = alpha[0][k] * beta[1][j] + alpha[1][k] * beta[0][j];
                    if (re != 0 || im != 0) out.add(shift + b.getKey(), k, re, im);
                }
            }
        }
        return out;
    }

    /** M x in plaintext, for checks: {re, im}. */
    public double[][] apply(double[] re, double[] im) {
        double[] outRe = new double[n];
        double[] outIm = new double[n];
        for (var entry : diagonals.entrySet()) {
            double[][] d = entry.getValue();
            for (int k = 0; k < n; k++) {
                int j = (k + entry.getKey()) % n;
                outRe[k] += d[0][k] * re[j] - d[1][k] * im[j];
                outIm[k] += d[0][k] * im[j] + d[1][k] * re[j];
            }
        }
        return new double[][] {outRe, outIm};
    }
}
