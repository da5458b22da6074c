package ai.based.validator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HexFormat;

/**
 * Weights committed (or about to be) for an epoch, with everything the reveal needs: the salt stays secret until then.
 *
 * @param hash the commit hash over (brain, epoch, uids, weights, salt, validator)
 */
public record PendingCommit(long epoch, int[] uids, int[] weights, byte[] salt, byte[] hash) {
    JsonObject json() {
        HexFormat hex = HexFormat.of();
        return new JsonObject().put("epoch", epoch).put("uids", array(uids)).put("weights", array(weights))
                .put("salt", hex.formatHex(salt)).put("hash", hex.formatHex(hash));
    }

    static PendingCommit fromJson(JsonObject json) {
        HexFormat hex = HexFormat.of();
        return new PendingCommit(json.getLong("epoch"), ints(json.getJsonArray("uids")), ints(json.getJsonArray("weights")),
                hex.parseHex(json.getString("salt")), hex.parseHex(json.getString("hash")));
    }

    private static JsonArray array(int[] values) {
        JsonArray out = new JsonArray();
        for (int v : values) out.add(v);
        return out;
    }

    private static int[] ints(JsonArray array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.getInteger(i);
        return out;
    }
}
