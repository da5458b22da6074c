package ai.based.fhe.circuits;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Evaluator;
import ai.based.fhe.ckks.ExtendedEvaluator;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.ExtendedCiphertext;
import ai.based.fhe.rlwe.Plaintext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encrypted vector times plaintext matrix by the diagonal method with baby-step giant-step: with the input
 * replicated with period p (a power of two at least the matrix's larger side), y = sum_j rot_{j n1}( sum_i
 * rot_{-j n1}(diag_{j n1 + i}) * rot_i(x) ), costing n1 - 1 hoisted baby rotations and p / n1 - 1 giant ones
 * instead of p rotations. Output y_r sits in slot r (and repeats with period p).
 */
public final class LinearTransform {
    private final int rows;
    private final int cols;
    private final int period;
    private final int babySteps;
    private final double[][] matrix;

    public LinearTransform(double[][] matrix) {
        this.matrix = matrix;
        this.rows = matrix.length;
        this.cols = matrix[0].length;
        this.period = Integer.highestOneBit(Math.max(rows, cols) - 1) << 1;
        this.babySteps = 1 << ((Integer.numberOfTrailingZeros(period) + 1) / 2);
    }

    /** The rotation steps whose Galois keys the transform needs. */
    public List<Integer> rotationSteps() {
        List<Integer> steps = new ArrayList<>();
        for (int i = 1; i < babySteps; i++) steps.add(i);
        for (int j = babySteps; j < period; j += babySteps) steps.add(j);
        return steps;
    }

    public int period() {
        return period;
    }

    /** The input vector laid out for this transform: zero-padded to the period and repeated over all slots. */
    public double[] layout(double[] x, int slots) {
        double[] out = new double[slots];
        for (int k = 0; k < slots; k++) {
            int i = k % period;
            out[k] = i < x.length ? x[i] : 0;
        }
        return out;
    }

    /** y = M x; consumes one level (the result is rescaled). */
    public Ciphertext apply(Evaluator evaluator, Encoder encoder, Ciphertext x) {
        int slots = encoder.slots();
        double scale = evaluator.parameters().ring().modulus(x.level()).q;
        Map<Integer, Ciphertext> baby = evaluator.rotateHoisted(x, rotationSteps().subList(0, babySteps - 1));
        ExtendedEvaluator extended = evaluator.extended();
        ExtendedCiphertext result = null;
        for (int j = 0; j < period; j += babySteps) {
            List<Ciphertext> sources = new ArrayList<>();
            List<Plaintext> plains = new ArrayList<>();
            for (int i = 0; i < babySteps; i++) {
                double[] diagonal = rotatedDiagonal(j + i, -j, slots);
                if (isZero(diagonal)) continue;
                plains.add(encoder.encode(diagonal, x.level(), scale));
                sources.add(i == 0 ? x : baby.get(i));
            }
            if (sources.isEmpty()) continue;
            Ciphertext inner = evaluator.mulPlainSum(sources, plains);
            // giants summed undivided by P, then divided once with the rescale (ExtendedEvaluator)
            ExtendedCiphertext giant = j == 0 ? extended.extend(inner) : extended.rotate(inner, j);
            if (result == null) result = giant;
            else extended.addInPlace(result, giant);
        }
        if (result == null) throw new IllegalArgumentException("the matrix is zero");
        return extended.modDownRescale(result);
    }

    /** diag_d rotated by {@code shift}: element k is M[r][(r + d) mod p] for r = (k + shift) mod p, replicated. */
    private double[] rotatedDiagonal(int d, int shift, int slots) {
        double[] out = new double[slots];
        for (int k = 0; k < slots; k++) {
            int r = Math.floorMod(k + shift, period);
            int c = (r + d) % period;
            out[k] = r < rows && c < cols ? matrix[r][c] : 0;
        }
        return out;
    }

    private static boolean isZero(double[] values) {
        for (double v : values) if (v != 0) return false;
        return true;
    }
}
