package ai.based.protocol.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class U16WeightsTest {

    @Test
    void normalisedDoublesBecomeMaxUpscaledU16() {
        assertThat(U16Weights.maxUpscale(new double[] {0.5, 0.25, 0.25, 0})).containsExactly(65_535, 32_768, 32_768, 0);
        assertThat(U16Weights.maxUpscale(new double[] {0, 0})).containsExactly(0, 0);
    }

    @Test
    void consensusOverDoubleWeightsMatchesTheirRatios() {
        // validators weight 3:1 and 1:1 -> after the u16 round trip the rows are again [0.75, 0.25] and [0.5, 0.5]
        int[][] rows = U16Weights.maxUpscale(new double[][] {{0.75, 0.25}, {0.5, 0.5}});
        ConsensusResult r = YumaConsensus.compute(BrainConsensusInput.of(new BigInteger[] {BigInteger.ONE, BigInteger.ONE}, rows),
                YumaParameters.defaults());
        assertThat(Fixed.toDouble(r.consensus()[0])).isCloseTo(0.75, within(1e-4));
        assertThat(Fixed.toDouble(r.consensus()[1])).isCloseTo(0.5, within(1e-4));
    }

    @Test
    void hostileDoublesAreRefused() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.1}) {
            assertThatThrownBy(() -> U16Weights.maxUpscale(new double[] {0.5, bad})).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("weight 1 is");
        }
    }
}
