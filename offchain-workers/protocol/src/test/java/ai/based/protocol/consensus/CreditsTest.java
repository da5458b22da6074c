package ai.based.protocol.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CreditsTest {

    @Test
    void creditsAccrueWeightsTimesStakeEveryEpoch() {
        // S = [0.75, 0.25], W = V0 [1, 0], V1 [0.5, 0.5]: dC = [0.75 + 0.125, 0.125] = [0.875, 0.125] per epoch
        ConsensusResult epoch = YumaConsensus.compute(
                BrainConsensusInput.of(YumaConsensusVectorsTest.stakes(3, 1), new int[][] {{1, 0}, {1, 1}}), YumaParameters.defaults());
        long[] afterOne = Credits.accrue(new long[0], epoch.credits());
        long[] afterTwo = Credits.accrue(afterOne, epoch.credits());
        assertThat(afterOne).containsExactly(Fixed.fromDouble(0.875), Fixed.fromDouble(0.125));
        assertThat(afterTwo).containsExactly(Fixed.fromDouble(1.75), Fixed.fromDouble(0.25));
        assertThat(Credits.reset(afterTwo, 0)).containsExactly(0, Fixed.fromDouble(0.25));
        assertThat(afterTwo).containsExactly(Fixed.fromDouble(1.75), Fixed.fromDouble(0.25));
    }

    @Test
    void creditsRefuseWhatCannotBeRight() {
        assertThatThrownBy(() -> Credits.accrue(new long[3], new long[2])).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 balances but 2 miners");
        assertThatThrownBy(() -> Credits.accrue(new long[1], new long[] {-1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Credits.accrue(new long[] {Long.MAX_VALUE}, new long[] {1})).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Credits.reset(new long[2], 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no miner uid 2");
    }
}
