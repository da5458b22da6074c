package ai.based.protocol.split;

import java.math.BigInteger;
import java.util.List;

/**
 * Everything the split needs to know about one Brain for one epoch.
 *
 * @param rewardAddress where the owner's share goes
 * @param stake the Brain's whole stake (uncapped)
 * @param performanceBps the Brain's performance, 0..10,000, from the validators' consensus
 * @param ownerEligible false for a stake-acquired Brain younger than 90 days: its owner share is withheld
 * @param minerShareBps the owner's miner:validator ratio, as the miners' share of the node pool
 * @param ownerHandoffBps part of the owner's 25% the owner hands to the nodes
 * @param miners miners and their incentive weights
 * @param validators validators with the stake delegated to each and their dividends
 * @param brainStakers stake placed on the Brain itself rather than on a validator
 */
public record BrainEpochInput(
        long brainId,
        String rewardAddress,
        BigInteger stake,
        int performanceBps,
        boolean ownerEligible,
        int minerShareBps,
        int ownerHandoffBps,
        List<Miner> miners,
        List<Validator> validators,
        List<Delegation> brainStakers) {

    /** A miner with its incentive weight (any non-negative scale; weights are normalised per Brain). */
    public record Miner(String account, BigInteger weight) {}

    /**
     * A validator, its take, the stake delegated to it (its own stake included as a delegation) and its dividends
     * from consensus (any non-negative scale; zero for all validators of a Brain means "pay by stake").
     */
    public record Validator(String account, int takeBps, List<Delegation> delegations, BigInteger dividend) {
        public BigInteger stake() {
            return delegations.stream().map(Delegation::amount).reduce(BigInteger.ZERO, BigInteger::add);
        }
    }

    /** Stake of one account. */
    public record Delegation(String account, BigInteger amount) {}
}
