package ai.based.client.basedai;

import ai.based.chain.tx.ContractRevertException;
import ai.based.client.basedai.WeightsException.Reason;

/** Runs a chain call of the weights or forecasts clients and turns whatever it throws into a WeightsException. */
final class WeightsCalls {
    private WeightsCalls() {}

    /** A call that may throw anything web3j throws. */
    interface ChainCall<T> {
        T call() throws Exception;
    }

    static void send(String action, ChainCall<?> call) {
        read(action, call);
    }

    static <T> T read(String action, ChainCall<T> call) {
        try {
            return call.call();
        } catch (ContractRevertException e) {
            throw WeightsErrors.explain(action, e);
        } catch (WeightsException e) {
            throw e;
        } catch (Exception e) {
            throw new WeightsException(Reason.CHAIN, "cannot " + action + ": " + e.getMessage(), e);
        }
    }
}
