package ai.based.oracle;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import org.web3j.utils.Numeric;

/**
 * A signer's answer for one closed epoch, as GET /v1/epochs/{epoch} serves it: who it is, the EIP-712 digest it
 * computed, its signature over that digest (empty when it is not a current EpochOracle signer) and the bounded
 * {@link EpochSummary} of its result. Nothing in an answer is trusted: the signature counts only once it recovers to
 * a current signer over this signer's own digest.
 */
public record EpochAnswer(String signer, long epoch, byte[] digest, byte[] signature, JsonObject summary) {

    public JsonObject json() {
        return new JsonObject().put("signer", signer).put("epoch", epoch).put("digest", Numeric.toHexString(digest))
                .put("signature", signature.length == 0 ? "" : Numeric.toHexString(signature)).put("summary", summary);
    }

    /** Parses a peer's answer; anything malformed is an IllegalArgumentException. */
    public static EpochAnswer parse(String body) {
        JsonObject json;
        try {
            json = new JsonObject(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a JSON object");
        }
        try {
            String signer = json.getString("signer");
            byte[] digest = Numeric.hexStringToByteArray(json.getString("digest"));
            String signatureHex = json.getString("signature", "");
            byte[] signature = signatureHex.isEmpty() ? new byte[0] : Numeric.hexStringToByteArray(signatureHex);
            JsonObject summary = json.getJsonObject("summary", new JsonObject());
            if (signer == null || digest.length != 32) throw new IllegalArgumentException("no signer or a digest that is not 32 bytes");
            return new EpochAnswer(signer, json.getLong("epoch"), digest, signature, summary);
        } catch (ClassCastException | NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed answer: " + e.getMessage());
        }
    }

    public boolean sameDigest(byte[] other) {
        return Arrays.equals(digest, other);
    }
}
