package ai.based.oracle.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class QuantileLossTest {
    private static final double[] Q = {0.1, 0.5, 0.9};

    @Test
    void pinballLossMatchesHandComputedValues() {
        // target 1.0, forecasts (0.8, 1.0, 1.5): errors e = 0.2, 0, -0.5
        //   q=0.1: max(0.02, -0.18) = 0.02; q=0.5: 0; q=0.9: max(-0.45, 0.05) = 0.05  -> sum 0.07
        // target 2.0, forecasts (2.5, 2.5, 2.5): errors -0.5 each
        //   q=0.1: max(-0.05, 0.45) = 0.45; q=0.5: 0.25; q=0.9: max(-0.45, 0.05) = 0.05 -> sum 0.75
        // mean over 2 samples x 3 quantiles: (0.07 + 0.75) / 6 = 0.136666...
        double[][] forecasts = {{0.8, 1.0, 1.5}, {2.5, 2.5, 2.5}};
        double[] targets = {1.0, 2.0};
        assertThat(QuantileLoss.of(forecasts, targets, Q)).isCloseTo(0.82 / 6, offset(1e-12));
        try (NDManager manager = NDManager.newBaseManager()) {
            QuantileLoss loss = new QuantileLoss(new TftParameters(manager, 1), Q);
            float value = loss.apply(manager.create(new float[] {0.8f, 1.0f, 1.5f, 2.5f, 2.5f, 2.5f}, new Shape(2, 1, 3)),
                    manager.create(new float[] {1.0f, 2.0f}, new Shape(2, 1))).getFloat();
            assertThat((double) value).isCloseTo(0.82 / 6, offset(1e-6));
        }
    }

    @Test
    void anUnderForecastCostsTheHighQuantileMoreThanTheLow() {
        // target 1, every quantile at 0: error 1 -> q per quantile: 0.1, 0.5, 0.9
        assertThat(QuantileLoss.of(new double[][] {{0}}, new double[] {1}, new double[] {0.1})).isCloseTo(0.1, offset(1e-12));
        assertThat(QuantileLoss.of(new double[][] {{0}}, new double[] {1}, new double[] {0.9})).isCloseTo(0.9, offset(1e-12));
        // over-forecast by 1: (1 - q)
        assertThat(QuantileLoss.of(new double[][] {{2}}, new double[] {1}, new double[] {0.9})).isCloseTo(0.1, offset(1e-12));
    }

    @Test
    void theLossIsZeroOnlyForAPerfectForecast() {
        assertThat(QuantileLoss.of(new double[][] {{3, 3, 3}}, new double[] {3}, Q)).isZero();
    }
}
