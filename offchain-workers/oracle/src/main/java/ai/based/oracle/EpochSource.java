package ai.based.oracle;

import ai.based.epochs.ComputedEpoch;
import ai.based.epochs.EpochComputation;
/**
 * How a signer computes a closed epoch. Every signer uses {@link EpochComputation}; the seam exists so that a test
 * can run a signer whose computation differs and see it refused.
 */
@FunctionalInterface
public interface EpochSource {
    ComputedEpoch compute(long epoch) throws Exception;
}
