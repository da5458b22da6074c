package ai.based.portal.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.protocol.Economics;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The emission curve and the APY arithmetic at their edges: before genesis, mid-year, after the 64th halving. */
class EmissionCurveTest {
    private static final BigInteger BASED = BigInteger.TEN.pow(18);
    private static final long YEAR = Economics.BLOCKS_PER_YEAR;

    @Test
    void whereTheChainIsNow() {
        JsonObject beforeGenesis = EmissionCurve.of(2, 1_000, 10);
        assertThat(beforeGenesis.getJsonObject("now").getInteger("year")).isEqualTo(1);
        assertThat(beforeGenesis.getJsonObject("now").getString("emittedSoFar")).isEqualTo("0");

        JsonObject yearThree = EmissionCurve.of(4, 0, 2 * YEAR + YEAR / 2);
        assertThat(yearThree.getJsonObject("now").getInteger("year")).isEqualTo(3);
        assertThat(yearThree.getJsonObject("now").getDouble("fractionOfYear")).isEqualTo(0.5);
        assertThat(yearThree.getJsonObject("now").getString("blockReward")).isEqualTo(BASED.multiply(BigInteger.TEN).shiftRight(2).toString());
        // 31,536,000 + 15,768,000 + half of 7,884,000
        assertThat(yearThree.getJsonObject("now").getString("emittedSoFar"))
                .isEqualTo(BASED.multiply(BigInteger.valueOf(31_536_000 + 15_768_000 + 3_942_000)).toString());
    }

    @Test
    void afterTheLastHalvingNothingMoreIsEmitted() {
        BigInteger all = EmissionCurve.emittedUpTo(64 * YEAR);
        assertThat(EmissionCurve.emittedUpTo(64 * YEAR + 12_345)).isEqualTo(all);
        assertThat(EmissionCurve.emittedUpTo(Long.MAX_VALUE / 2)).isEqualTo(all);
        assertThat(EmissionCurve.of(64, 0, Long.MAX_VALUE / 2).getJsonObject("now").getString("blockReward")).isEqualTo("0");
    }

    @Test
    void yearsOutsideTheScheduleAreRefused() {
        assertThatThrownBy(() -> EmissionCurve.of(0, 0, 0)).isInstanceOf(BadQueryException.class);
        assertThatThrownBy(() -> EmissionCurve.of(65, 0, 0)).isInstanceOf(BadQueryException.class).hasMessageContaining("from 1 to 64");
    }

    @Test
    void apyFollowsTheStatedFormula() {
        BigInteger year = BASED.multiply(BigInteger.valueOf(31_536_000));
        BigInteger stake = BASED.multiply(BigInteger.valueOf(1_000));
        // the only Brain: all of the year's emission; 75% x 50% x 82% / 1,000 BASED = 9,697.32 -> 96,973,200 bps
        assertThat(StakingApy.brainApyBps(year, stake, stake, stake, 5_000, 1_800)).isEqualTo(96_973_200L);
        assertThat(StakingApy.brainApyBps(year, stake, stake, BigInteger.ZERO, 5_000, 1_800)).isZero();
        assertThat(StakingApy.brainApyBps(year, BigInteger.ZERO, BigInteger.ZERO, stake, 5_000, 1_800)).isZero();
        assertThat(StakingApy.brainApyBps(year, stake, stake, stake, 10_000, 1_800)).as("miners take everything").isZero();
    }
}
