package ai.based.protocol;

import java.math.BigInteger;

/** The halving schedule: 10 BASED per block in year 1, halved every 3,153,600 blocks. Mirrors EmissionController. */
public final class EmissionSchedule {
    private EmissionSchedule() {}

    /** Block reward in year {@code year} (1-based), in base units. */
    public static BigInteger blockReward(int year) {
        if (year < 1 || year > 64) return BigInteger.ZERO;
        return Economics.INITIAL_BLOCK_REWARD.shiftRight(year - 1);
    }

    public static BigInteger yearEmission(int year) {
        return blockReward(year).multiply(BigInteger.valueOf(Economics.BLOCKS_PER_YEAR));
    }

    /** Emission of epoch {@code epoch} counted from the genesis block; an epoch never spans a halving. */
    public static BigInteger epochEmission(long epoch) {
        long firstBlock = epoch * Economics.EPOCH_BLOCKS;
        int year = (int) (firstBlock / Economics.BLOCKS_PER_YEAR) + 1;
        return blockReward(year).multiply(BigInteger.valueOf(Economics.EPOCH_BLOCKS));
    }
}
