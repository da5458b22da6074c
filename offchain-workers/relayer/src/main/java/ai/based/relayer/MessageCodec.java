package ai.based.relayer;

import ai.based.bridge.BridgeMessage;

import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import org.web3j.utils.Numeric;

/** A bridge message as JSON, for the relayer store. */
final class MessageCodec {
    private MessageCodec() {}

    static String encode(BridgeMessage m) {
        return new JsonObject().put("hash", Numeric.toHexString(m.hash())).put("source", m.sourceChainId())
                .put("destination", m.destinationChainId()).put("nonce", m.nonce().toString()).put("sender", m.sender())
                .put("target", m.target()).put("value", m.value().toString()).put("data", Numeric.toHexString(m.data()))
                .put("block", m.blockNumber()).encode();
    }

    static BridgeMessage decode(String json) {
        JsonObject o = new JsonObject(json);
        return new BridgeMessage(Numeric.hexStringToByteArray(o.getString("hash")), o.getLong("source"), o.getLong("destination"),
                new BigInteger(o.getString("nonce")), o.getString("sender"), o.getString("target"), new BigInteger(o.getString("value")),
                Numeric.hexStringToByteArray(o.getString("data")), o.getLong("block"));
    }
}
