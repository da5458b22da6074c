package ai.based.oracle.enforcer;

/** Where forecasts go: EnforcerForecasts on chain ({@link ChainForecastBoard}). */
public interface ForecastBoard {
    /** Whether a forecast for (epoch, Brain) is already on the board (posted by this or an earlier run). */
    boolean posted(long epoch, long brainId) throws Exception;

    void post(long epoch, long brainId, int[] uids, int[] values) throws Exception;
}
