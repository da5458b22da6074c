package ai.based.protocol.split;

import ai.based.protocol.Economics;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Splits one epoch's emission across Brains and, inside each Brain, across owner, miners, validators and
 * stakers (DESIGN.md §5). A pure function of its inputs with integer arithmetic rounding down, so every oracle
 * computes the same result and the total never exceeds the emission.
 *
 * <ol>
 *   <li>Counted stake is the Brain's stake capped at 0.5% of all network stake; a Brain's weight is counted
 *       stake x performance.
 *   <li>The bonus pool (default 10%) goes to the top 30% of Brains by performance, by weight; the rest to all
 *       Brains by weight.
 *   <li>Inside a Brain, 25% goes to the owner less what the owner hands to the nodes (nothing while a
 *       stake-acquired Brain is younger than 90 days); the nodes' part splits miner:validator by the owner's
 *       ratio. Miners share by incentive weight.
 *   <li>Validators at or above the 70th percentile of the Brain's validator stakes hold a permit (at least one).
 *       The Brain's own stakers take the validator pool's share their stake bears to theirs plus the permitted
 *       validators' stake; the rest goes to the validators by their consensus dividends (by stake among the
 *       permitted when nobody earned dividends). Each validator keeps its take and passes the rest to its
 *       delegators by stake.
 * </ol>
 */
public final class EpochSplit {
    private static final BigInteger BPS = BigInteger.valueOf(Economics.BPS);

    private EpochSplit() {}

    public static EpochResult compute(long epoch, BigInteger emission, int bonusPoolBps, BigInteger networkStake,
            List<BrainEpochInput> brains) {
        BigInteger cap = networkStake.multiply(BigInteger.valueOf(Economics.STAKE_CAP_BPS)).divide(BPS);
        Map<Long, BigInteger> weights = new TreeMap<>();
        for (BrainEpochInput brain : brains) {
            BigInteger counted = brain.stake().min(cap);
            weights.put(brain.brainId(), counted.multiply(BigInteger.valueOf(brain.performanceBps())));
        }
        BigInteger bonus = emission.multiply(BigInteger.valueOf(bonusPoolBps)).divide(BPS);
        BigInteger base = emission.subtract(bonus);
        BigInteger totalWeight = sum(weights.values());
        List<Long> top = topBrains(brains, weights);
        BigInteger topWeight = sum(top.stream().map(weights::get).toList());

        Map<String, BigInteger> accounts = new TreeMap<>();
        Map<Long, BigInteger> brainTotals = new TreeMap<>();
        for (BrainEpochInput brain : brains) {
            BigInteger weight = weights.get(brain.brainId());
            BigInteger share = share(base, weight, totalWeight);
            if (top.contains(brain.brainId())) share = share.add(share(bonus, weight, topWeight));
            BigInteger paid = splitInsideBrain(brain, share, accounts);
            if (paid.signum() > 0) brainTotals.put(brain.brainId(), paid);
        }
        accounts.values().removeIf(amount -> amount.signum() == 0);
        return new EpochResult(epoch, brainTotals, accounts);
    }

    /** Pays one Brain's share into {@code accounts}; returns what was actually paid. */
    static BigInteger splitInsideBrain(BrainEpochInput brain, BigInteger share, Map<String, BigInteger> accounts) {
        BigInteger ownerFull = share.multiply(BigInteger.valueOf(Economics.OWNER_SHARE_BPS)).divide(BPS);
        BigInteger handoff = ownerFull.multiply(BigInteger.valueOf(brain.ownerHandoffBps())).divide(BPS);
        BigInteger owner = brain.ownerEligible() ? ownerFull.subtract(handoff) : BigInteger.ZERO;
        BigInteger nodes = share.subtract(ownerFull).add(handoff);
        BigInteger minerPool = nodes.multiply(BigInteger.valueOf(brain.minerShareBps())).divide(BPS);
        BigInteger validatorPool = nodes.subtract(minerPool);

        BigInteger paid = credit(accounts, brain.rewardAddress(), owner);
        BigInteger minerWeight = sum(brain.miners().stream().map(BrainEpochInput.Miner::weight).toList());
        for (BrainEpochInput.Miner miner : brain.miners()) {
            paid = paid.add(credit(accounts, miner.account(), share(minerPool, miner.weight(), minerWeight)));
        }
        return paid.add(payValidators(brain, validatorPool, accounts));
    }

    private static BigInteger payValidators(BrainEpochInput brain, BigInteger pool, Map<String, BigInteger> accounts) {
        List<BrainEpochInput.Validator> permitted = activeValidators(brain.validators());
        BigInteger brainLevel = sum(brain.brainStakers().stream().map(BrainEpochInput.Delegation::amount).toList());
        BigInteger stakeInPool = sum(permitted.stream().map(BrainEpochInput.Validator::stake).toList()).add(brainLevel);
        BigInteger brainStakers = share(pool, brainLevel, stakeInPool);
        BigInteger validatorsPool = stakeInPool.signum() == 0 ? BigInteger.ZERO : pool.subtract(brainStakers);
        BigInteger dividends = sum(brain.validators().stream().map(BrainEpochInput.Validator::dividend).toList());
        List<BrainEpochInput.Validator> paid = dividends.signum() > 0 ? brain.validators() : permitted;
        BigInteger whole = dividends.signum() > 0 ? dividends : stakeInPool.subtract(brainLevel);
        BigInteger total = BigInteger.ZERO;
        for (BrainEpochInput.Validator validator : paid) {
            BigInteger part = dividends.signum() > 0 ? validator.dividend() : validator.stake();
            BigInteger portion = share(validatorsPool, part, whole);
            BigInteger take = portion.multiply(BigInteger.valueOf(validator.takeBps())).divide(BPS);
            total = total.add(credit(accounts, validator.account(), take));
            total = total.add(payDelegations(validator.delegations(), portion.subtract(take), accounts));
        }
        return total.add(payDelegations(brain.brainStakers(), brainStakers, accounts));
    }

    private static BigInteger payDelegations(List<BrainEpochInput.Delegation> delegations, BigInteger amount,
            Map<String, BigInteger> accounts) {
        BigInteger total = sum(delegations.stream().map(BrainEpochInput.Delegation::amount).toList());
        BigInteger paid = BigInteger.ZERO;
        for (BrainEpochInput.Delegation delegation : delegations) {
            paid = paid.add(credit(accounts, delegation.account(), share(amount, delegation.amount(), total)));
        }
        return paid;
    }

    /** Validators whose stake is at or above the 70th percentile (nearest rank) of the Brain's validator stakes. */
    static List<BrainEpochInput.Validator> activeValidators(List<BrainEpochInput.Validator> validators) {
        if (validators.isEmpty()) return List.of();
        BigInteger threshold = permitThreshold(validators.stream().map(BrainEpochInput.Validator::stake).toList());
        return validators.stream().filter(v -> v.stake().compareTo(threshold) >= 0).toList();
    }

    /** The 70th percentile (nearest rank) of a Brain's validator stakes: the least stake that holds a permit. */
    public static BigInteger permitThreshold(List<BigInteger> validatorStakes) {
        if (validatorStakes.isEmpty()) return BigInteger.ZERO;
        List<BigInteger> stakes = validatorStakes.stream().sorted().toList();
        int rank = (int) Math.ceil(Economics.ACTIVE_VALIDATOR_PERCENTILE / 100.0 * stakes.size());
        return stakes.get(Math.max(rank, 1) - 1);
    }

    /** The top 30% of Brains with weight by performance (ties: lower number first), at least one. */
    static List<Long> topBrains(List<BrainEpochInput> brains, Map<Long, BigInteger> weights) {
        List<BrainEpochInput> ranked = new ArrayList<>(brains.stream().filter(b -> weights.get(b.brainId()).signum() > 0).toList());
        ranked.sort(Comparator.comparingInt(BrainEpochInput::performanceBps).reversed()
                .thenComparingLong(BrainEpochInput::brainId));
        int count = (int) Math.ceil(ranked.size() * Economics.BONUS_TOP_BRAINS_BPS / (double) Economics.BPS);
        return ranked.subList(0, count).stream().map(BrainEpochInput::brainId).toList();
    }

    private static BigInteger credit(Map<String, BigInteger> accounts, String account, BigInteger amount) {
        if (amount.signum() > 0) accounts.merge(account.toLowerCase(), amount, BigInteger::add);
        return amount;
    }

    private static BigInteger share(BigInteger amount, BigInteger part, BigInteger whole) {
        return whole.signum() == 0 ? BigInteger.ZERO : amount.multiply(part).divide(whole);
    }

    private static BigInteger sum(java.util.Collection<BigInteger> values) {
        return values.stream().reduce(BigInteger.ZERO, BigInteger::add);
    }
}
