package ai.based.oracle.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSeriesBuilderTest {

    private static EpochObservation epoch(long e, int miners, long[] registered, List<EpochObservation.Weights> revealed) {
        return new EpochObservation(3, e, miners, 2, registered, revealed, new boolean[miners], 10, 1000);
    }

    @Test
    void contributionIsTheMeanNormalisedWeightTimesTheMinerCount() {
        // validator A: 3:1 on uids 0,1 -> 0.75, 0.25; validator B: all on uid 1 -> 0, 1. Mean 0.375, 0.625; x2 miners
        EpochObservation o = epoch(4, 2, new long[2], List.of(new EpochObservation.Weights(new int[] {0, 1}, new int[] {3, 1}),
                new EpochObservation.Weights(new int[] {1}, new int[] {65_535})));
        assertThat(NodeSeriesBuilder.contributions(o, 2)).containsExactly(new double[] {0.75, 1.25}, offset(1e-12));
        assertThat(NodeSeriesBuilder.weightingFraction(o, 2)).containsExactly(0.5, 1.0);
        // no reveals: unknown, not zero
        assertThat(NodeSeriesBuilder.contributions(epoch(4, 2, new long[2], List.of()), 2)).containsOnly(Double.NaN);
    }

    @Test
    void aSeriesStartsWhereItsHolderRegisteredAndCarriesEveryFeature() {
        List<EpochObservation.Weights> even = List.of(new EpochObservation.Weights(new int[] {0, 1}, new int[] {1, 1}));
        List<NodeSeries> series = NodeSeriesBuilder.build(List.of(epoch(10, 2, new long[] {0, 0}, even), epoch(11, 2, new long[] {0, 0}, even),
                epoch(12, 2, new long[] {0, 12}, even)));
        assertThat(series).hasSize(2);
        assertThat(series.get(0).firstEpoch()).isEqualTo(10);
        assertThat(series.get(0).length()).isEqualTo(3);
        assertThat(series.get(1).firstEpoch()).as("uid 1 was taken over in epoch 12").isEqualTo(12);
        assertThat(series.get(1).length()).isEqualTo(1);
        assertThat(series.get(0).epochs()[2]).containsExactly(new double[] {1, 1, 0, 10, Math.log1p(1000), Math.log1p(2)}, offset(1e-12));
        assertThat(series.get(0).statics()).containsExactly(Math.log1p(2), Math.log1p(2));
    }

    @Test
    void gapsInTheHistoryAreRefused() {
        assertThatThrownBy(() -> NodeSeriesBuilder.build(List.of(epoch(1, 0, new long[0], List.of()), epoch(3, 0, new long[0], List.of()))))
                .hasMessageContaining("consecutive epochs");
    }
}
