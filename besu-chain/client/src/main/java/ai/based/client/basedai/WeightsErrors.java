package ai.based.client.basedai;

import ai.based.chain.tx.ContractRevertException;
import ai.based.chain.tx.DecodedRevert;
import ai.based.client.basedai.WeightsException.Reason;
import org.web3j.utils.Numeric;

/** Turns ValidatorWeights' and EnforcerForecasts' custom errors into sentences a validator or the Enforcer can act on. */
final class WeightsErrors {
    private WeightsErrors() {}

    static WeightsException explain(String action, ContractRevertException e) {
        DecodedRevert r = e.revert();
        String prefix = "cannot " + action + ": ";
        return switch (r.error()) {
            case "WeightsNotValidator" -> new WeightsException(Reason.NOT_ALLOWED, prefix + r.value("caller")
                    + " is not a validator of Brain #" + r.value("brainId") + "; memorize it first ('based memorize --brain "
                    + r.value("brainId") + " --role VALIDATOR')", e);
            case "WeightsWrongCommitEpoch" -> new WeightsException(Reason.WRONG_EPOCH, prefix + "weights are committed for the "
                    + "current epoch only; the commit names epoch " + r.value("epoch") + ", the chain is in epoch "
                    + r.value("currentEpoch"), e);
            case "WeightsEmptyCommitHash" -> new WeightsException(Reason.INVALID_INPUT, prefix
                    + "the commit hash is all zero; commit ValidatorWeightsClient.commitHash(...) of the weights", e);
            case "WeightsRevealTooEarly" -> new WeightsException(Reason.WRONG_EPOCH, prefix + "the weights of epoch "
                    + r.value("epoch") + " are revealed during epoch " + next(r) + " only, the chain is still in epoch "
                    + r.value("currentEpoch") + "; wait for epoch " + next(r), e);
            case "WeightsLateReveal" -> new WeightsException(Reason.WRONG_EPOCH, prefix + "late reveal: the weights of epoch "
                    + r.value("epoch") + " could be revealed during epoch " + next(r) + " only, the chain is in epoch "
                    + r.value("currentEpoch") + "; they count as no weights, commit again for the current epoch", e);
            case "WeightsNotCommitted" -> new WeightsException(Reason.WRONG_STATE, prefix + r.value("validator")
                    + " committed no weights for epoch " + r.value("epoch") + " of Brain #" + r.value("brainId")
                    + "; a reveal needs a commit made during that epoch", e);
            case "WeightsAlreadyRevealed" -> new WeightsException(Reason.WRONG_STATE, prefix + r.value("validator")
                    + " already revealed its weights for epoch " + r.value("epoch") + " of Brain #" + r.value("brainId"), e);
            case "WeightsCommitMismatch" -> new WeightsException(Reason.COMMIT_MISMATCH, prefix + "the revealed weights and salt "
                    + "hash to " + hex(r, "revealed") + ", not to the committed " + hex(r, "committed")
                    + "; reveal exactly the uids, weights and salt that were committed, from the same wallet", e);
            case "WeightsLengthMismatch" -> new WeightsException(Reason.INVALID_INPUT, prefix + r.value("uids")
                    + " uids but " + r.value("weights") + " weights; give one weight per uid", e);
            case "WeightsTooMany", "ForecastTooMany" -> new WeightsException(Reason.INVALID_INPUT, prefix + r.value("count")
                    + " entries, at most " + r.value("maxCount") + " (one per miner slot)", e);
            case "WeightsUidsNotAscending", "ForecastUidsNotAscending" -> new WeightsException(Reason.INVALID_INPUT, prefix
                    + "uids must be strictly ascending, but uid " + r.value("uid") + " at index " + r.value("index")
                    + " follows " + r.value("previous"), e);
            case "WeightsUnknownUid" -> new WeightsException(Reason.INVALID_INPUT, prefix + "Brain #" + r.value("brainId")
                    + " has " + r.value("minerCount") + " miners (uids 0 to " + lastUid(r) + "), there is no uid "
                    + r.value("uid"), e);
            case "WeightsInvalidBondVariant" -> new WeightsException(Reason.INVALID_INPUT, prefix + "bond variant "
                    + r.value("variant") + " is unknown; 0 is Yuma, 1 is Yuma3", e);
            case "ForecastEpochClosed" -> new WeightsException(Reason.WRONG_EPOCH, prefix + "epoch " + r.value("epoch")
                    + " has closed (the chain is in epoch " + r.value("currentEpoch") + "); forecasts are posted before "
                    + "their epoch closes", e);
            case "ForecastAlreadyPosted" -> new WeightsException(Reason.WRONG_STATE, prefix + "the forecast for epoch "
                    + r.value("epoch") + " of Brain #" + r.value("brainId") + " was posted already (root "
                    + hex(r, "root") + "); a forecast is posted once", e);
            case "ForecastLengthMismatch" -> new WeightsException(Reason.INVALID_INPUT, prefix + r.value("uids")
                    + " uids but " + r.value("values") + " values; give one value per uid", e);
            case "AccessControlUnauthorizedAccount" -> new WeightsException(Reason.NOT_ALLOWED, prefix + r.value("account")
                    + " lacks the role " + hex(r, "neededRole") + " (granted by governance only)", e);
            default -> new WeightsException(Reason.CHAIN, prefix + "the chain refused (" + r + ")", e);
        };
    }

    private static Object next(DecodedRevert r) {
        return ((java.math.BigInteger) r.value("epoch")).add(java.math.BigInteger.ONE);
    }

    private static Object lastUid(DecodedRevert r) {
        return ((java.math.BigInteger) r.value("minerCount")).subtract(java.math.BigInteger.ONE);
    }

    private static String hex(DecodedRevert r, String name) {
        return Numeric.toHexString((byte[]) r.value(name));
    }
}
