package ai.based.oracle.enforcer;

import ai.based.client.basedai.EnforcerForecastsClient;
import org.web3j.crypto.Credentials;

/** Posts through EnforcerForecasts with the Enforcer's key (it needs ENFORCER_ROLE). */
public final class ChainForecastBoard implements ForecastBoard {
    private final EnforcerForecastsClient client;
    private final Credentials enforcer;

    public ChainForecastBoard(EnforcerForecastsClient client, Credentials enforcer) {
        this.client = client;
        this.enforcer = enforcer;
    }

    @Override
    public boolean posted(long epoch, long brainId) {
        return client.forecast(epoch, brainId).isPresent();
    }

    @Override
    public void post(long epoch, long brainId, int[] uids, int[] values) {
        client.post(enforcer, epoch, brainId, uids, values);
    }
}
