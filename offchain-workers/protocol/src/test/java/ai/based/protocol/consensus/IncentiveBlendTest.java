package ai.based.protocol.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IncentiveBlendTest {
    private static final long Y = IncentiveBlend.YEAR_BLOCKS;
    private static final long GENESIS = 1_000;

    @Test
    void betaIsZeroThroughYearTwo() {
        assertThat(IncentiveBlend.beta(GENESIS, GENESIS)).isZero();
        assertThat(IncentiveBlend.beta(GENESIS + Y, GENESIS)).isZero();            // first block of year 2
        assertThat(IncentiveBlend.beta(GENESIS + 2 * Y - 1, GENESIS)).isZero();    // last block of year 2
        assertThat(IncentiveBlend.beta(GENESIS + 2 * Y, GENESIS)).isZero();        // first block of year 3: the ramp's start
        assertThat(IncentiveBlend.beta(0, GENESIS)).isZero();                      // before genesis counts as year 1
    }

    @Test
    void betaRampsLinearlyThroughYearsThreeAndFour() {
        // one block into the ramp: 0.9 * 1 / (2Y) * 2^32 = 38654705664 / 63072000 = 612.87 -> 613
        assertThat(IncentiveBlend.beta(GENESIS + 2 * Y + 1, GENESIS)).isEqualTo(613);
        // end of year 3, half-way: 0.45 * 2^32 = 1932735283.2 -> 1932735283
        assertThat(IncentiveBlend.beta(GENESIS + 3 * Y, GENESIS)).isEqualTo(1_932_735_283L);
        // last block of year 4: (0.9 - 9 / 63072000) * 2^32 = 3865469953.53 -> 3865469954
        assertThat(IncentiveBlend.beta(GENESIS + 4 * Y - 1, GENESIS)).isEqualTo(3_865_469_954L);
    }

    @Test
    void betaStepsFromNinetyPercentToOneAtYearFive() {
        long lastOfYearFour = IncentiveBlend.beta(GENESIS + 4 * Y - 1, GENESIS);
        long firstOfYearFive = IncentiveBlend.beta(GENESIS + 4 * Y, GENESIS);
        assertThat(Fixed.toDouble(lastOfYearFour)).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(firstOfYearFive).isEqualTo(Fixed.ONE);
        assertThat(IncentiveBlend.beta(GENESIS + 40 * Y, GENESIS)).isEqualTo(Fixed.ONE);
    }

    @Test
    void blendMixesTheTwoIncentivesByBeta() {
        long[] yuma = {Fixed.fromDouble(0.75), Fixed.fromDouble(0.25)};
        long[] tft = {Fixed.fromDouble(0.25), Fixed.fromDouble(0.75)};
        // 0.5 * 0.75 + 0.5 * 0.25 = 0.5 each, exactly
        assertThat(IncentiveBlend.blend(yuma, tft, Fixed.ONE / 2)).containsExactly(Fixed.ONE / 2, Fixed.ONE / 2);
        assertThat(IncentiveBlend.blend(yuma, tft, 0)).containsExactly(yuma);
        assertThat(IncentiveBlend.blend(yuma, tft, Fixed.ONE)).containsExactly(tft);
        // half-way through year 4's ramp, all Yuma on miner 0 and all TFT on miner 1:
        // beta = 1932735283, 1 - beta = 4294967296 - 1932735283 = 2362232013; they sum to ONE, so normalising keeps them
        long beta = IncentiveBlend.beta(GENESIS + 3 * Y, GENESIS);
        assertThat(IncentiveBlend.blend(new long[] {Fixed.ONE, 0}, new long[] {0, Fixed.ONE}, beta)).containsExactly(2_362_232_013L, 1_932_735_283L);
    }

    @Test
    void blendSumsToExactlyOneWithLeftoverUnitsToTheLargestRemainder() {
        // thirds: 2^32 = 3 * 1431655765 + 1; the one unit left goes to the lowest index among equal remainders
        long third = Fixed.ONE / 3;
        long[] blended = IncentiveBlend.blend(new long[] {third, third, third}, new long[] {third, third, third}, Fixed.ONE / 4);
        assertThat(blended).containsExactly(1_431_655_766L, 1_431_655_765L, 1_431_655_765L);
        assertThat(Fixed.sum(blended)).isEqualTo(Fixed.ONE);
    }

    @Test
    void aMissingForecastLeavesTheYumaIncentive() {
        long[] yuma = {Fixed.fromDouble(0.75), Fixed.fromDouble(0.25)};
        assertThat(IncentiveBlend.blend(yuma, new long[2], Fixed.ONE)).containsExactly(yuma);
    }

    @Test
    void tftIncentiveNormalisesTheForecastPerUid() {
        // uids 1 and 3 forecast 1 : 3 -> 0.25 and 0.75; uids 0 and 2 have no forecast -> 0
        assertThat(IncentiveBlend.tftIncentive(new int[] {1, 3}, new int[] {1, 3}, 4))
                .containsExactly(0, Fixed.ONE / 4, 0, 3 * (Fixed.ONE / 4));
        // uid 5 is past the 4 miners: dropped, and the rest renormalised
        assertThat(IncentiveBlend.tftIncentive(new int[] {0, 2, 5}, new int[] {65_535, 0, 32_768}, 4)).containsExactly(Fixed.ONE, 0, 0, 0);
        assertThat(IncentiveBlend.tftIncentive(new int[0], new int[0], 3)).containsExactly(0, 0, 0);
    }

    @Test
    void hostileInputIsRefusedWithAReason() {
        assertThatThrownBy(() -> IncentiveBlend.blend(new long[2], new long[3], 0)).hasMessageContaining("2 Yuma values but 3 TFT values");
        assertThatThrownBy(() -> IncentiveBlend.blend(new long[1], new long[] {1}, Fixed.ONE + 1)).hasMessageContaining("outside [0, 1]");
        assertThatThrownBy(() -> IncentiveBlend.tftIncentive(new int[] {1, 1}, new int[] {1, 2}, 4)).hasMessageContaining("uid 1 twice");
        assertThatThrownBy(() -> IncentiveBlend.tftIncentive(new int[] {1}, new int[] {70_000}, 4)).hasMessageContaining("values u16");
        assertThatThrownBy(() -> IncentiveBlend.tftIncentive(new int[] {1}, new int[0], 4)).hasMessageContaining("1 uids but 0 values");
        assertThatThrownBy(() -> IncentiveBlend.beta(10, -1)).hasMessageContaining("negative");
    }
}
