package ai.based.protocol.consensus;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Input read from chain data is checked before any arithmetic, with a message that says what is wrong. */
class BrainConsensusInputTest {
    private static final BigInteger[] TWO = {BigInteger.ONE, BigInteger.TWO};
    private static final boolean[] YES = {true, true};
    private static final int[] NONE = {-1, -1};

    @Test
    void raggedOrMismatchedShapesAreRefused() {
        assertThatThrownBy(() -> BrainConsensusInput.of(TWO, new int[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("weight row 1 has 1 miners, row 0 has 2");
        assertThatThrownBy(() -> BrainConsensusInput.of(TWO, new int[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must all have 2 entries");
        assertThatThrownBy(() -> BrainConsensusInput.of(new BigInteger[0], new int[0][]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 validators");
        assertThatThrownBy(() -> BrainConsensusInput.of(TWO, new int[][] {{}, {}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no miners");
    }

    @Test
    void valuesOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> BrainConsensusInput.of(TWO, new int[][] {{1, 65_536}, {0, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a u16");
        assertThatThrownBy(() -> BrainConsensusInput.of(new BigInteger[] {BigInteger.ONE, BigInteger.valueOf(-1)}, new int[][] {{1, 1}, {1, 1}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("validator 1 has a negative or missing stake");
        assertThatThrownBy(() -> new BrainConsensusInput(TWO, YES, YES, new int[][] {{1, 1}, {1, 1}}, new int[] {2, -1}, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown miner uid 2");
        assertThatThrownBy(() -> new BrainConsensusInput(TWO, YES, YES, new int[][] {{1, 1}, {1, 1}}, NONE,
                new long[][] {{0, Fixed.ONE + 1}, {0, 0}})).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> new BrainConsensusInput(TWO, YES, YES, new int[][] {{1, 1}, {1, 1}}, NONE, new long[][] {{0, 0}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previous bonds have 1 rows");
    }

    @Test
    void parametersOutsideTheirRangeAreRefused() {
        assertThatThrownBy(() -> new YumaParameters(0, 0, 0, BondVariant.YUMA)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kappa");
        assertThatThrownBy(() -> new YumaParameters(Fixed.ONE / 2, Fixed.ONE + 1, 0, BondVariant.YUMA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bondsMovingAverage");
        assertThatThrownBy(() -> new YumaParameters(Fixed.ONE / 2, 0, 0, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
