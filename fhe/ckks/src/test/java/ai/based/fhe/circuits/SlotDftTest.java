package ai.based.fhe.circuits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The factored decoding map against its definition, and CoeffsToSlots against SlotsToCoeffs, in plaintext. */
class SlotDftTest {
    @Test
    void factoredStagesComputeTheDecodingMapOnBitReversedInput() {
        for (int logN = 1; logN <= 7; logN++) {
            int n = 1 << logN;
            double[][] w = randomComplex(n, logN);
            double[][] reversed = new double[2][n];
            for (int p = 0; p < n; p++) {
                int j = Integer.reverse(p) >>> (32 - logN);
                reversed[0][p] = w[0][j];
                reversed[1][p] = w[1][j];
            }
            for (int levels = 1; levels <= logN; levels++) {
                double[][] z = reversed;
                for (DiagonalMatrix m : SlotDft.slotsToCoeffs(n, levels)) z = m.apply(z[0], z[1]);
                double[][] expected = decode(w);
                assertThat(maxDifference(z, expected)).as("n = %d, %d levels", n, levels).isLessThan(1e-9 * n);
                double[][] back = z;
                for (DiagonalMatrix m : SlotDft.coeffsToSlots(n, levels)) back = m.apply(back[0], back[1]);
                assertThat(maxDifference(back, reversed)).as("inverse, n = %d, %d levels", n, levels).isLessThan(1e-9 * n);
            }
        }
    }

    @Test
    void aLevelBudgetOutsideTheStageCountIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SlotDft.coeffsToSlots(16, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1..4");
    }

    /** z_k = sum_j w_j zeta^(5^k j), zeta = exp(i pi / (2n)). */
    private static double[][] decode(double[][] w) {
        int n = w[0].length;
        double[][] z = new double[2][n];
        long power = 1;
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < n; j++) {
                double angle = Math.PI * ((power * j) % (4L * n)) / (2.0 * n);
                z[0][k] += w[0][j] * Math.cos(angle) - w[1][j] * Math.sin(angle);
                z[1][k] += w[0][j] * Math.sin(angle) + w[1][j] * Math.cos(angle);
            }
            power = power * 5 % (4L * n);
        }
        return z;
    }

    private static double[][] randomComplex(int n, long seed) {
        Random random = new Random(seed);
        double[][] out = new double[2][n];
        for (int i = 0; i < n; i++) {
            out[0][i] = random.nextDouble() * 2 - 1;
            out[1][i] = random.nextDouble() * 2 - 1;
        }
        return out;
    }

    private static double maxDifference(double[][] a, double[][] b) {
        double max = 0;
        for (int c = 0; c < 2; c++) for (int i = 0; i < a[c].length; i++) max = Math.max(max, Math.abs(a[c][i] - b[c][i]));
        return max;
    }
}
