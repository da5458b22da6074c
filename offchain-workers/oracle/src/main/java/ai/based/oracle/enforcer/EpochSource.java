package ai.based.oracle.enforcer;

/** Where the Enforcer reads the chain: the epoch clock and one Brain's observation of one epoch. */
public interface EpochSource {
    long currentEpoch() throws Exception;

    /** Blocks since the current epoch started. */
    long blocksIntoEpoch() throws Exception;

    EpochObservation observe(long brainId, long epoch) throws Exception;
}
