package ai.based.portal.network;

import ai.based.protocol.Economics;
import java.math.BigInteger;

/**
 * The APY the page shows, from the emission schedule and the stake (DESIGN §5). A Brain receives the year's
 * emission in proportion to its counted stake (equal performance assumed: the page says so); 75% of that goes to
 * its nodes, the validators' part is (1 - miner share), and a delegator keeps (1 - the validator's take). So
 * <pre>  APY(brain) = yearEmission x counted(brain)/sum(counted) x 0.75 x (1 - minerShare) x (1 - take) / stake(brain)</pre>
 * The bonus pool for the top 30% and the owner's hand-off are left out: they depend on performance.
 */
final class StakingApy {
    private StakingApy() {}

    /** APY in basis points (1% = 100); 0 when nothing is staked on the Brain. */
    static long brainApyBps(BigInteger yearEmission, BigInteger counted, BigInteger allCounted, BigInteger brainStake,
            int minerShareBps, int takeBps) {
        if (brainStake.signum() <= 0 || allCounted.signum() <= 0) return 0;
        BigInteger bps = BigInteger.valueOf(Economics.BPS);
        BigInteger nodesBps = bps.subtract(BigInteger.valueOf(Economics.OWNER_SHARE_BPS));
        BigInteger reward = yearEmission.multiply(counted)
                .multiply(nodesBps).multiply(bps.subtract(BigInteger.valueOf(minerShareBps)))
                .multiply(bps.subtract(BigInteger.valueOf(takeBps)));
        BigInteger denominator = allCounted.multiply(bps).multiply(bps).multiply(bps);
        return reward.multiply(bps).divide(denominator.multiply(brainStake)).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    }
}
