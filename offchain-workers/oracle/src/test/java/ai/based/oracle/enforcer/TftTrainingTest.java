package ai.based.oracle.enforcer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TftTrainingTest {

    @Test
    void theTrainedTftBeatsTheLastValueOnHeldOutEpochs() {
        List<NodeSeries> series = SyntheticSeries.periodic(12, 40, 21);
        TftConfig config = TftConfig.forNodeSeries(150, 4);
        List<TftWindows.Sample> all = TftWindows.training(series, config.lookback()).samples();
        // time split: the last 6 epochs are held out, never trained on
        List<TftWindows.Sample> training = new ArrayList<>();
        List<TftWindows.Sample> heldOut = new ArrayList<>();
        for (TftWindows.Sample s : all) (s.targetEpoch() >= 34 ? heldOut : training).add(s);
        List<String> progress = new ArrayList<>();   // also printed: the loss curve belongs in the test log
        long started = System.nanoTime();
        try (TrainedTft tft = TftTrainer.train(config, training, line -> { progress.add(line); System.out.println(line); })) {
            System.out.printf("trained on %d samples in %.1f s%n", training.size(), (System.nanoTime() - started) / 1e9);
            ForecastAccuracy accuracy = ForecastAccuracy.of(tft.predict(heldOut), heldOut, config.quantiles());
            System.out.println(accuracy);
            assertThat(accuracy.samples()).isEqualTo(12 * 6);
            assertThat(accuracy.mae()).isLessThan(accuracy.baselineMae());
            assertThat(accuracy.pinball()).isLessThan(accuracy.baselinePinball());
            assertThat(accuracy.beatsBaseline()).isTrue();
            double[] importance = tft.pastVariableImportance(heldOut);
            assertThat(importance).hasSize(NodeSeries.EPOCH_FEATURES);
            assertThat(java.util.Arrays.stream(importance).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(progress).last().asString().startsWith("TFT step 150/150");
    }

    @Test
    void quantilesBracketTheMedian() {
        List<NodeSeries> series = SyntheticSeries.periodic(6, 20, 3);
        TftConfig config = TftConfig.forNodeSeries(40, 4);
        try (TrainedTft tft = TftTrainer.train(config, TftWindows.training(series, config.lookback()).samples(), line -> { })) {
            for (double[] q : tft.predict(TftWindows.forecast(series, config.lookback()).samples())) {
                assertThat(q).hasSize(3).isSorted();
                for (double v : q) assertThat(v).isFinite();
            }
        }
    }

    @Test
    void samplesTouchingBadDataAreSkippedAndCounted() {
        List<NodeSeries> series = new ArrayList<>(SyntheticSeries.periodic(2, 12, 5));
        series.get(0).epochs()[10][NodeSeries.CONTRIBUTION] = Double.NaN;
        series.add(new NodeSeries(7, 9, 0, 0, new double[0][], new double[] {0, 0}));   // a miner with no history
        TftWindows.Cut cut = TftWindows.training(series, 8);
        // node 0: targets 8..11 = 4 windows, 10 (target NaN) and 11 (past has epoch 10) are lost; node 1: 4 windows
        assertThat(cut.samples()).hasSize(6);
        assertThat(cut.skipped()).isEqualTo(2);
        TftWindows.Cut forecast = TftWindows.forecast(series, 8);
        assertThat(forecast.samples()).extracting(TftWindows.Sample::uid).containsExactly(1);
        assertThat(forecast.skipped()).isEqualTo(2);
    }
}
