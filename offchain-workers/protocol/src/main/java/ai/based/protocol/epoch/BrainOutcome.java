package ai.based.protocol.epoch;

import ai.based.protocol.consensus.ConsensusResult;
import java.util.Optional;

/**
 * What one Brain's epoch yields.
 *
 * @param consensus Yuma's result, or empty when no validator revealed weights (nothing to agree on)
 * @param bonds the bonds to carry into the next epoch
 * @param performanceBps 0..10,000: the permitted validators' stake-weighted trust (see {@link BrainEpoch})
 * @param minerWeights per miner uid, its incentive ({@link ai.based.protocol.consensus.Fixed} units)
 * @param validatorDividends per validator uid, its dividends (Fixed units)
 * @param minerPrune the miner uid a full Brain replaces next, if the Brain is full
 * @param validatorPrune the validator uid a full Brain replaces next, if the Brain is full
 */
public record BrainOutcome(Optional<ConsensusResult> consensus, BondState bonds, int performanceBps, long[] minerWeights,
        long[] validatorDividends, Optional<Integer> minerPrune, Optional<Integer> validatorPrune) {}
