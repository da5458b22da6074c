package ai.based.portal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;

/**
 * Which JSON-RPC calls the portal forwards to a node: reads, gas estimates and already-signed transactions. Whatever
 * could change a devnet's state without a signature (anvil_*, evm_*, eth_sendTransaction with the node's unlocked dev
 * keys), read its secrets (personal_*) or cost the node a lot (debug_*, unbounded log scans) is refused here.
 */
final class RpcAllowList {
    static final Set<String> METHODS = Set.of(
            "eth_chainId", "net_version", "web3_clientVersion", "eth_blockNumber", "eth_call", "eth_getBalance", "eth_getLogs",
            "eth_getTransactionReceipt", "eth_getTransactionByHash", "eth_estimateGas", "eth_gasPrice", "eth_feeHistory",
            "eth_maxPriorityFeePerGas", "eth_getTransactionCount", "eth_getCode", "eth_getStorageAt", "eth_getBlockByNumber",
            "eth_getBlockByHash", "eth_sendRawTransaction");
    /** the widest eth_getLogs block range forwarded; a page reads history in windows of this size */
    static final long MAX_LOG_BLOCKS = 10_000;
    private static final int MAX_METHOD_LENGTH = 64;

    private RpcAllowList() {}

    /** Why the portal refuses this call without asking the node, or empty when it may be forwarded. */
    static Optional<RpcError> refusal(Object call) {
        if (!(call instanceof JsonObject object)) {
            return Optional.of(new RpcError(RpcError.INVALID_REQUEST, "each JSON-RPC call must be an object"));
        }
        Object method = object.getValue("method");
        if (!(method instanceof String name) || name.isEmpty() || name.length() > MAX_METHOD_LENGTH) {
            return Optional.of(new RpcError(RpcError.INVALID_REQUEST, "a JSON-RPC call needs a method name"));
        }
        if (!METHODS.contains(name)) {
            return Optional.of(new RpcError(RpcError.METHOD_NOT_ALLOWED, "the portal does not forward " + name
                    + ": it serves reads and signed transactions only (sign in your wallet; eth_sendRawTransaction)"));
        }
        Object params = object.getValue("params");
        if (params != null && !(params instanceof JsonArray)) {
            return Optional.of(new RpcError(RpcError.INVALID_PARAMS, "params must be an array"));
        }
        Object id = object.getValue("id");
        if (id != null && !(id instanceof String) && !(id instanceof Number)) {
            return Optional.of(new RpcError(RpcError.INVALID_REQUEST, "id must be a number, a string or null"));
        }
        return Optional.empty();
    }

    /** True when the call is an eth_getLogs whose range names a block tag ("latest"...): its width needs the head. */
    static boolean needsHead(JsonObject call) {
        Optional<JsonObject> filter = logFilter(call);
        if (filter.isEmpty() || filter.get().containsKey("blockHash")) return false;
        return parseBlock(filter.get().getValue("fromBlock"), -1) == null || parseBlock(filter.get().getValue("toBlock"), -1) == null;
    }

    /** Refuses an eth_getLogs over more than {@link #MAX_LOG_BLOCKS} blocks; {@code head} resolves "latest" and the like. */
    static Optional<RpcError> logRangeRefusal(JsonObject call, long head) {
        Optional<JsonObject> filter = logFilter(call);
        if (filter.isEmpty()) {
            return "eth_getLogs".equals(call.getString("method"))
                    ? Optional.of(new RpcError(RpcError.INVALID_PARAMS, "eth_getLogs needs one filter object"))
                    : Optional.empty();
        }
        if (filter.get().containsKey("blockHash")) return Optional.empty();
        BigInteger from = parseBlock(filter.get().getValue("fromBlock", "latest"), head);
        BigInteger to = parseBlock(filter.get().getValue("toBlock", "latest"), head);
        if (from == null || to == null) {
            return Optional.of(new RpcError(RpcError.INVALID_PARAMS, "eth_getLogs: fromBlock and toBlock must be block numbers "
                    + "(0x...) or latest, earliest, safe, finalized, pending"));
        }
        if (to.subtract(from).compareTo(BigInteger.valueOf(MAX_LOG_BLOCKS)) >= 0) {
            return Optional.of(new RpcError(RpcError.INVALID_PARAMS, "eth_getLogs over " + to.subtract(from).add(BigInteger.ONE)
                    + " blocks: the portal forwards at most " + MAX_LOG_BLOCKS + " blocks per call; ask in windows"));
        }
        return Optional.empty();
    }

    private static Optional<JsonObject> logFilter(JsonObject call) {
        if (!"eth_getLogs".equals(call.getString("method"))) return Optional.empty();
        JsonArray params = call.getJsonArray("params");
        if (params == null || params.size() != 1 || !(params.getValue(0) instanceof JsonObject filter)) return Optional.empty();
        return Optional.of(filter);
    }

    /** A block number from a quantity or a tag; null when it is neither (or a tag while {@code head} is unknown, -1). */
    private static BigInteger parseBlock(Object value, long head) {
        if (!(value instanceof String text)) return null;
        switch (text) {
            case "earliest":
                return BigInteger.ZERO;
            case "latest", "safe", "finalized", "pending":
                return head < 0 ? null : BigInteger.valueOf(head);
            default:
                if (!text.matches("0x[0-9a-fA-F]{1,16}")) return null;
                return new BigInteger(text.substring(2), 16);
        }
    }
}
