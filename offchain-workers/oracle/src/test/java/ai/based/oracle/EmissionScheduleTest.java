package ai.based.oracle;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.deployment.BasedChainFixture;
import ai.based.protocol.Economics;
import ai.based.protocol.EmissionSchedule;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Whitepaper Table 2, years 1-10, on chain and in Java. */
@Tag("devnet")
class EmissionScheduleTest {
    private static final String[] PER_BLOCK = {"10", "5", "2.5", "1.25", "0.625", "0.3125", "0.15625", "0.078125",
        "0.0390625", "0.01953125"};
    private static final String[] PER_YEAR = {"31536000", "15768000", "7884000", "3942000", "1971000", "985500",
        "492750", "246375", "123187.5", "61593.75"};
    private static BasedChainFixture chain;

    @BeforeAll
    static void start() throws Exception {
        chain = BasedChainFixture.yearOne();
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    private static BigInteger units(String based) {
        return new BigDecimal(based).movePointRight(18).toBigIntegerExact();
    }

    @Test
    void halvingScheduleReproducesTable2ForYearsOneToTen() throws Exception {
        var emission = chain.session.emission(chain.session.reader());
        long genesis = emission.GENESIS_BLOCK().send().longValueExact();
        for (int year = 1; year <= 10; year++) {
            long firstBlock = genesis + (year - 1) * 3_153_600L;
            assertThat(emission.rewardAt(BigInteger.valueOf(firstBlock)).send()).as("year %d first block", year).isEqualTo(units(PER_BLOCK[year - 1]));
            assertThat(emission.rewardAt(BigInteger.valueOf(firstBlock + 3_153_599)).send()).as("year %d last block", year).isEqualTo(units(PER_BLOCK[year - 1]));
            assertThat(emission.emissionForYear(BigInteger.valueOf(year)).send()).as("year %d", year).isEqualTo(units(PER_YEAR[year - 1]));
            assertThat(EmissionSchedule.blockReward(year)).isEqualTo(units(PER_BLOCK[year - 1]));
            assertThat(EmissionSchedule.yearEmission(year)).isEqualTo(units(PER_YEAR[year - 1]));
        }
        assertThat(emission.rewardAt(BigInteger.valueOf(genesis - 1)).send()).isZero();
        assertThat(emission.epochEmission(BigInteger.ZERO).send()).isEqualTo(units("3600")).isEqualTo(EmissionSchedule.epochEmission(0));
        assertThat(emission.epochEmission(BigInteger.valueOf(8_760)).send()).as("first epoch of year two").isEqualTo(units("1800"));
    }

    @Test
    void javaConstantsMatchTheContracts() throws Exception {
        var emission = chain.session.emission(chain.session.reader());
        assertThat(emission.BLOCKS_PER_YEAR().send().longValueExact()).isEqualTo(Economics.BLOCKS_PER_YEAR);
        assertThat(emission.EPOCH_BLOCKS().send().longValueExact()).isEqualTo(Economics.EPOCH_BLOCKS);
        assertThat(emission.INITIAL_BLOCK_REWARD().send()).isEqualTo(Economics.INITIAL_BLOCK_REWARD);
    }
}
