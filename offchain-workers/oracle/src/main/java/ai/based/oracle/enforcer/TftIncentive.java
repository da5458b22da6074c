package ai.based.oracle.enforcer;

import ai.based.client.basedai.EnforcerForecastsClient.Forecast;
import ai.based.protocol.consensus.IncentiveBlend;

/** The oracle's I_tft for a Brain and epoch: the Enforcer's posted forecast as a normalised Fixed incentive per uid. */
public final class TftIncentive {
    private TftIncentive() {}

    /**
     * u16 values to normalised Fixed per miner uid ({@link IncentiveBlend#tftIncentive}): zero for uids without a
     * forecast, and all zero when there is no forecast (null), which {@link IncentiveBlend#blend} reads as "Yuma only".
     */
    public static long[] tftIncentive(Forecast forecast, int miners) {
        if (forecast == null) return new long[miners];
        return IncentiveBlend.tftIncentive(forecast.uids(), forecast.values(), miners);
    }
}
