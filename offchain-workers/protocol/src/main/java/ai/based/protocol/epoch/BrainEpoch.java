package ai.based.protocol.epoch;

import ai.based.protocol.Economics;
import ai.based.protocol.consensus.BrainConsensusInput;
import ai.based.protocol.consensus.ConsensusResult;
import ai.based.protocol.consensus.Fixed;
import ai.based.protocol.consensus.YumaConsensus;
import ai.based.protocol.consensus.YumaParameters;
import ai.based.protocol.split.EpochSplit;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs one Brain's epoch from its snapshot (see the package documentation).
 *
 * <ul>
 *   <li>Permits: a validator holds one when its stake is at or above the 70th percentile of the Brain's validator
 *       stakes (DESIGN §5's "active validators", the same rule the split pays by). Active: it revealed a
 *       non-zero row for the epoch; a validator that did not reveal has its stake masked, so its silence does not
 *       pull every miner's consensus toward zero.
 *   <li>Performance: the permitted validators' stake-weighted validator trust, sum_i (S_i / S) T_i over permitted i,
 *       where T_i is the sum of validator i's weights clipped at consensus. A Brain whose validators all reveal
 *       and agree performs at 10,000 bps; silent or outvoted stake lowers it; a Brain nobody validates earns
 *       nothing.
 *   <li>Pruning: a full Brain names its lowest-incentive miner (lowest-dividend validator) whose uid was registered
 *       at least the immunity period before the epoch's end; ties go to the lower uid.
 * </ul>
 */
public final class BrainEpoch {
    private BrainEpoch() {}

    public static BrainOutcome run(BrainSnapshot snapshot, BondState previous, YumaParameters parameters, long endBlock) {
        int n = snapshot.validators().size();
        int m = snapshot.miners().size();
        if (n == 0 || m == 0) {
            return new BrainOutcome(Optional.empty(), new BondState(snapshot.validators(), snapshot.miners(), new long[n][m]), 0,
                    new long[m], new long[n], Optional.empty(), Optional.empty());
        }
        boolean[] permits = permits(snapshot.validators());
        BrainConsensusInput input = input(snapshot, permits, previous);
        ConsensusResult result = YumaConsensus.compute(input, parameters);
        int performance = performanceBps(snapshot.validators(), permits, result.validatorTrust());
        BondState bonds = new BondState(snapshot.validators(), snapshot.miners(), result.bonds());
        return new BrainOutcome(Optional.of(result), bonds, performance, result.incentive(), result.dividends(),
                prune(snapshot.miners(), result.incentive(), Economics.MINER_SLOTS, endBlock),
                prune(snapshot.validators(), result.dividends(), Economics.VALIDATOR_SLOTS, endBlock));
    }

    static BrainConsensusInput input(BrainSnapshot snapshot, boolean[] permits, BondState previous) {
        int n = snapshot.validators().size();
        int m = snapshot.miners().size();
        BigInteger[] stakes = new BigInteger[n];
        boolean[] active = new boolean[n];
        int[][] weights = new int[n][m];
        int[] selfUid = new int[n];
        Map<String, Integer> minerUids = new HashMap<>();
        for (BrainSnapshot.Node miner : snapshot.miners()) minerUids.putIfAbsent(miner.account(), miner.uid());
        for (int i = 0; i < n; i++) {
            BrainSnapshot.Node validator = snapshot.validators().get(i);
            stakes[i] = validator.stake();
            selfUid[i] = minerUids.getOrDefault(validator.account(), -1);
            BrainSnapshot.Reveal reveal = snapshot.reveals().get(validator.account());
            if (reveal == null) continue;
            for (int k = 0; k < reveal.uids().length; k++) {
                int uid = reveal.uids()[k];
                if (uid < 0 || uid >= m || snapshot.miners().get(uid).registeredAt() > snapshot.commitEpochEndBlock()) continue;
                weights[i][uid] = reveal.weights()[k];
            }
            active[i] = Arrays.stream(weights[i]).anyMatch(w -> w > 0);
        }
        long[][] bonds = previous == null ? null : previous.carriedInto(snapshot);
        return new BrainConsensusInput(stakes, permits, active, weights, selfUid, bonds);
    }

    static boolean[] permits(List<BrainSnapshot.Node> validators) {
        List<BigInteger> stakes = validators.stream().map(BrainSnapshot.Node::stake).toList();
        BigInteger threshold = EpochSplit.permitThreshold(stakes);
        boolean[] permits = new boolean[validators.size()];
        for (int i = 0; i < permits.length; i++) permits[i] = stakes.get(i).signum() > 0 && stakes.get(i).compareTo(threshold) >= 0;
        return permits;
    }

    static int performanceBps(List<BrainSnapshot.Node> validators, boolean[] permits, long[] trust) {
        BigInteger permitted = BigInteger.ZERO;
        for (int i = 0; i < permits.length; i++) if (permits[i]) permitted = permitted.add(validators.get(i).stake());
        if (permitted.signum() == 0) return 0;
        long performance = 0;
        for (int i = 0; i < permits.length; i++) {
            if (permits[i]) performance += Fixed.mul(Fixed.ratio(validators.get(i).stake(), permitted), Math.min(trust[i], Fixed.ONE));
        }
        return (int) Math.min(Economics.BPS, performance * Economics.BPS >>> Fixed.FRACTION_BITS);
    }

    static Optional<Integer> prune(List<BrainSnapshot.Node> nodes, long[] ranking, int slots, long endBlock) {
        if (nodes.size() < slots) return Optional.empty();
        Integer lowest = null;
        for (BrainSnapshot.Node node : nodes) {
            if (node.registeredAt() + Economics.IMMUNITY_BLOCKS > endBlock) continue;
            if (lowest == null || ranking[node.uid()] < ranking[lowest]) lowest = node.uid();
        }
        return Optional.ofNullable(lowest);
    }
}
