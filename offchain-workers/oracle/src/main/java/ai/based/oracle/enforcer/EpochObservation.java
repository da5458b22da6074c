package ai.based.oracle.enforcer;

import java.util.List;

/**
 * What the chain says about one Brain in one epoch, per miner uid: the raw material of {@link NodeSeries}. Read by
 * {@link ChainEpochSource}; kept free of I/O so the series can be built and tested from plain values.
 *
 * @param epoch the epoch (for weights: the commit epoch, revealed during the epoch after)
 * @param registeredEpoch per miner uid, the epoch its current holder registered in
 * @param revealed each revealing validator's weights (uids and u16 values), as ValidatorWeights emitted them
 * @param serving per miner uid, whether it announced an endpoint
 * @param blockSeconds mean seconds per block over the epoch (NaN when unknown)
 * @param brainEmission the Brain's total reward for the epoch in BASED, from EpochOracle's BrainEpochTotal (0 if none)
 */
public record EpochObservation(long brainId, long epoch, int miners, int validators, long[] registeredEpoch, List<Weights> revealed,
        boolean[] serving, double blockSeconds, double brainEmission) {

    /** One validator's revealed row. */
    public record Weights(int[] uids, int[] values) {}

    public EpochObservation {
        if (miners < 0 || validators < 0) throw new IllegalArgumentException("Brain #" + brainId + " epoch " + epoch + ": negative node counts");
        if (registeredEpoch.length != miners || serving.length != miners) {
            throw new IllegalArgumentException("Brain #" + brainId + " epoch " + epoch + ": per-miner arrays must have one entry per miner (" + miners + ")");
        }
        revealed = List.copyOf(revealed);
    }
}
