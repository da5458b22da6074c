package ai.based.portal;

import io.vertx.core.json.JsonObject;

/** A JSON-RPC error the portal answers itself, for one call (its id echoed) or for a whole request (id null). */
record RpcError(int code, String message) {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_ALLOWED = -32601;
    static final int INVALID_PARAMS = -32602;
    /** the server-error range of JSON-RPC: the node behind the proxy did not answer */
    static final int NODE_UNAVAILABLE = -32000;
    static final int TOO_LARGE = -32001;

    JsonObject answer(Object id) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", id)
                .put("error", new JsonObject().put("code", code).put("message", message));
    }
}
