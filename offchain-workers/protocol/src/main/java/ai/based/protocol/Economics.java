package ai.based.protocol;

import java.math.BigInteger;

/**
 * The Java mirror of contracts/src/basedai/Economics.sol: the numbers of DESIGN.md §5 that off-chain code
 * needs. EconomicsConstantsTest checks the ones the contracts expose against the chain.
 */
public final class Economics {
    public static final int BPS = 10_000;
    public static final BigInteger INITIAL_BLOCK_REWARD = BigInteger.TEN.pow(19);
    public static final long BLOCKS_PER_YEAR = 3_153_600;
    public static final long EPOCH_BLOCKS = 360;
    public static final int OWNER_SHARE_BPS = 2_500;
    public static final int DEFAULT_MINER_SHARE_BPS = 5_000;
    public static final int DEFAULT_BONUS_POOL_BPS = 1_000;
    public static final int DEFAULT_VALIDATOR_TAKE_BPS = 1_800;
    public static final int BONUS_TOP_BRAINS_BPS = 3_000;
    public static final int STAKE_CAP_BPS = 50;
    public static final int ACTIVE_VALIDATOR_PERCENTILE = 70;
    public static final long STAKE_ACQUIRED_OWNER_DELAY_SECONDS = 90L * 86_400;
    public static final int VALIDATOR_SLOTS = 256;
    public static final int MINER_SLOTS = 1_792;
    /** Blocks a newly registered node cannot be pruned for (whitepaper: 5,000). */
    public static final long IMMUNITY_BLOCKS = 5_000;
    public static final int GIGABRAIN_STAKE_BPS = 50;

    private Economics() {}
}
