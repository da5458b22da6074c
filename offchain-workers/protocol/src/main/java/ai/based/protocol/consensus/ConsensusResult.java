package ai.based.protocol.consensus;

/**
 * What Yuma consensus yields for one Brain and epoch; vectors in {@link Fixed} units.
 *
 * @param activeStake per validator: stake of permitted, active validators, normalised
 * @param consensus per miner: the stake-weighted kappa-median of the normalised weights
 * @param validatorTrust per validator: the sum of its weights after clipping at consensus
 * @param ranks per miner: stake-weighted clipped weights, before normalisation
 * @param incentive per miner: ranks normalised to sum to exactly 1 (all zero when no weight survives)
 * @param dividends per validator: sums to exactly 1 whenever any validator has stake
 * @param bonds validators x miners, to pass back as next epoch's previous bonds
 * @param credits per miner: this epoch's credit delta W.S (whitepaper 3.4.3), normalised weights before clipping
 */
public record ConsensusResult(long[] activeStake, long[] consensus, long[] validatorTrust, long[] ranks,
        long[] incentive, long[] dividends, long[][] bonds, long[] credits) {}
