package ai.based.epochs;

import ai.based.protocol.Economics;
import ai.based.protocol.consensus.ConsensusResult;
import ai.based.protocol.consensus.IncentiveBlend;
import ai.based.protocol.epoch.BrainOutcome;
import ai.based.protocol.split.BrainEpochInput;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The split's inputs for one closed epoch, from the chain as it stood at the epoch's end block: each staked, active
 * Brain with its performance, miners weighted by their consensus incentive (blended with the TFT Enforcer's forecast from
 * year 3) and validators by their dividends, plus
 * the pruning candidates of full Brains and the consensus each Brain came from.
 */
final class EpochInputs {
    private static final int MINER = 0;
    private static final int VALIDATOR = 1;

    final List<BrainEpochInput> brains = new ArrayList<>();
    final List<Prune> prunes = new ArrayList<>();
    final Map<Long, ConsensusResult> consensus = new TreeMap<>();
    /** brainId -> per miner uid, credits to date */
    final Map<Long, long[]> credits = new TreeMap<>();

    private EpochInputs() {}

    /**
     * @param history the chain up to the epoch's end block
     * @param endTimestamp the end block's timestamp (a stake-acquired Brain's owner earns from 90 days on)
     */
    static EpochInputs read(ChainState history, ConsensusReplay replay, long epoch, long endTimestamp) {
        EpochInputs inputs = new EpochInputs();
        for (long brainId : history.stakedBrains()) {
            ChainState.Brain brain = history.brain(brainId).orElse(null);
            if (brain == null || !brain.active()) continue;
            ConsensusReplay.Replayed replayed = replay.replay(brainId, epoch);
            BrainOutcome outcome = replayed.outcome();
            inputs.credits.put(brainId, replayed.credits());
            outcome.consensus().ifPresent(result -> inputs.consensus.put(brainId, result));
            outcome.minerPrune().ifPresent(uid -> inputs.prunes.add(new Prune(brainId, MINER, uid)));
            outcome.validatorPrune().ifPresent(uid -> inputs.prunes.add(new Prune(brainId, VALIDATOR, uid)));
            long[] incentive = blended(history, epoch, brainId, outcome.minerWeights(), IncentiveBlend.beta(history.block, replay.genesisBlock()));
            inputs.brains.add(brainInput(history, brainId, brain, outcome, incentive, endTimestamp));
        }
        return inputs;
    }

    /**
     * The incentive that pays the miners: Yuma's, blended from year 3 with the TFT Enforcer's forecast for the epoch,
     * (1 - beta) I_yuma + beta I_tft (DESIGN §5); Yuma's alone while beta is 0 or no forecast was posted.
     */
    static long[] blended(ChainState history, long epoch, long brainId, long[] yuma, long beta) {
        if (beta == 0 || yuma.length == 0) return yuma;
        return history.forecast(epoch, brainId)
                .map(f -> IncentiveBlend.blend(yuma, IncentiveBlend.tftIncentive(f.uids(), f.values(), yuma.length), beta))
                .orElse(yuma);
    }

    private static BrainEpochInput brainInput(ChainState history, long brainId, ChainState.Brain brain, BrainOutcome outcome,
            long[] incentive, long endTimestamp) {
        boolean ownerEligible = !brain.stakeAcquired() || endTimestamp >= brain.acquiredAt() + Economics.STAKE_ACQUIRED_OWNER_DELAY_SECONDS;
        ChainState.Config config = history.config(brainId);
        List<BrainEpochInput.Miner> miners = new ArrayList<>();
        history.nodes(brainId, MINER).forEach((uid, node) ->
                miners.add(new BrainEpochInput.Miner(node.account(), BigInteger.valueOf(incentive[Math.toIntExact(uid)]))));
        List<BrainEpochInput.Validator> validators = new ArrayList<>();
        history.nodes(brainId, VALIDATOR).forEach((uid, node) -> validators.add(new BrainEpochInput.Validator(node.account(),
                history.takeOf(brainId, node.account()), delegations(history.delegations(brainId, node.account())),
                BigInteger.valueOf(outcome.validatorDividends()[Math.toIntExact(uid)]))));
        return new BrainEpochInput(brainId, config.rewardAddress(), history.brainStake(brainId), outcome.performanceBps(),
                ownerEligible, config.minerShareBps(), config.ownerHandoffBps(), miners, validators,
                delegations(history.delegations(brainId, ChainState.NO_VALIDATOR)));
    }

    private static List<BrainEpochInput.Delegation> delegations(Map<String, BigInteger> amounts) {
        return amounts.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                .map(e -> new BrainEpochInput.Delegation(e.getKey(), e.getValue())).toList();
    }
}
