package ai.based.client.basedai;

import ai.based.client.BasedSession;
import ai.based.client.basedai.WeightsException.Reason;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.contracts.EmissionController;
import ai.based.contracts.EnforcerForecasts;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * The TFT Enforcer's forecasts board (EnforcerForecasts): the Enforcer posts each Brain's forecast for an epoch
 * before it closes ({@link #post}), the oracle signers read it back ({@link #forecast}) checked against the root the
 * contract stored. Failures are unchecked {@link WeightsException}s with a message that says what to do.
 */
public final class EnforcerForecastsClient {
    public static final int MAX_ENTRIES = 1_792;

    /** A posted forecast: one value per miner uid, and the root keccak256(abi.encode(uids, values)) stored on chain. */
    public record Forecast(int[] uids, int[] values, byte[] root) {}

    private final BasedSession session;

    public EnforcerForecastsClient(BasedSession session) {
        this.session = session;
    }

    public String address() {
        return session.address(BasedAiContracts.ENFORCER_FORECASTS);
    }

    /** Posts the forecast for (epoch, Brain), once, while the epoch has not closed; the signer needs ENFORCER_ROLE. */
    public void post(Credentials enforcer, long epoch, long brainId, int[] uids, int[] values) {
        String action = "post the forecast for epoch " + epoch + " of Brain #" + brainId;
        U16Entries.check(action, uids, values, MAX_ENTRIES);
        WeightsCalls.send(action, () -> session.forecasts(session.signer(enforcer)).post(BigInteger.valueOf(epoch),
                BigInteger.valueOf(brainId), U16Entries.onChain(uids), U16Entries.onChain(values)).send());
    }

    /** keccak256(abi.encode(uids, values)), the root the contract stores for a forecast. */
    @SuppressWarnings("rawtypes")
    public static byte[] root(int[] uids, int[] values) {
        return U16Entries.keccakOfAbiEncode(List.<Type>of(U16Entries.abiArray(uids), U16Entries.abiArray(values)));
    }

    /**
     * The forecast posted for (epoch, Brain), empty when none was. The values come from the ForecastPosted event and
     * are checked against the stored root, so a node serving other logs is caught.
     */
    public Optional<Forecast> forecast(long epoch, long brainId) {
        String action = "read the forecast for epoch " + epoch + " of Brain #" + brainId;
        return WeightsCalls.read(action, () -> {
            byte[] root = session.forecasts(session.reader()).forecastRoot(BigInteger.valueOf(epoch), BigInteger.valueOf(brainId)).send();
            if (Arrays.equals(root, new byte[32])) return Optional.<Forecast>empty();
            EmissionController emission = session.emission(session.reader());
            // A forecast is posted before its epoch closes: no later block can hold it.
            long closes = emission.epochStartBlock(BigInteger.valueOf(epoch + 1)).send().longValueExact() - 1;
            long to = Math.min(closes, session.node().blockNumber().longValueExact());
            long from = Math.min(session.deployment().deployedAtBlock(), to);
            EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), address());
            filter.addSingleTopic(EventEncoder.encode(EnforcerForecasts.FORECASTPOSTED_EVENT));
            filter.addSingleTopic(ValidatorWeightsClient.topic(epoch));
            filter.addSingleTopic(ValidatorWeightsClient.topic(brainId));
            EthLog response = session.node().web3j().ethGetLogs(filter).send();
            if (response.hasError()) throw new WeightsException(Reason.CHAIN, "cannot " + action + ": " + response.getError().getMessage());
            for (EthLog.LogResult<?> result : response.getLogs()) {
                EnforcerForecasts.ForecastPostedEventResponse event = EnforcerForecasts.getForecastPostedEventFromLog((Log) result.get());
                int[] uids = U16Entries.fromChain(event.uids);
                int[] values = U16Entries.fromChain(event.values);
                if (Arrays.equals(root(uids, values), root)) return Optional.of(new Forecast(uids, values, root));
            }
            throw new WeightsException(Reason.CHAIN, "cannot " + action + ": the chain stores root " + Numeric.toHexString(root)
                    + " but no ForecastPosted event in blocks " + from + "-" + to + " carries values that hash to it");
        });
    }
}
