package ai.based.portal.network;

import ai.based.bridge.MessengerEnd;
import io.vertx.core.json.JsonObject;
import org.web3j.utils.Numeric;

/**
 * Where a bridge message stands, by its hash (the page reads the hash from its own transaction's SentMessage log):
 * "executed" or "failed" once a quorum of relayers delivered it into either chain's messenger, "pending" until then
 * (sent, not yet delivered: relayers wait a confirmation depth and gather attestations off chain). Two contract reads
 * per chain, no log scan.
 */
final class BridgeStatus {
    private final MessengerEnd ethereum;
    private final MessengerEnd basedai;

    BridgeStatus(MessengerEnd ethereum, MessengerEnd basedai) {
        this.ethereum = ethereum;
        this.basedai = basedai;
    }

    JsonObject read(String hash) throws Exception {
        byte[] bytes = Numeric.hexStringToByteArray(hash);
        String status = "pending";
        String deliveredOn = null;
        for (MessengerEnd end : new MessengerEnd[] {ethereum, basedai}) {
            if (end.executed(bytes)) {
                status = "executed";
                deliveredOn = Long.toString(end.chainId());
            } else if (end.failed(bytes) && deliveredOn == null) {
                status = "failed";
                deliveredOn = Long.toString(end.chainId());
            }
        }
        JsonObject answer = new JsonObject().put("hash", hash).put("status", status);
        if (deliveredOn != null) answer.put("deliveredOnChain", Long.parseLong(deliveredOn));
        return answer;
    }
}
