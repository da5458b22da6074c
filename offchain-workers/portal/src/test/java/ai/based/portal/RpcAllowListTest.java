package ai.based.portal;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class RpcAllowListTest {

    private static JsonObject call(String method, Object... params) {
        return new JsonObject().put("jsonrpc", "2.0").put("id", 7).put("method", method).put("params", new JsonArray(java.util.List.of(params)));
    }

    @Test
    void forwardsReadsAndSignedTransactionsOnly() {
        for (String method : new String[] {"eth_call", "eth_getBalance", "eth_sendRawTransaction", "eth_estimateGas", "eth_chainId"}) {
            assertThat(RpcAllowList.refusal(call(method))).as(method).isEmpty();
        }
        for (String method : new String[] {"anvil_setBalance", "evm_increaseTime", "eth_sendTransaction", "personal_sign",
                "debug_traceTransaction", "eth_accounts", "anvil_impersonateAccount", "admin_peers", "ETH_CALL"}) {
            assertThat(RpcAllowList.refusal(call(method))).as(method).get().extracting(RpcError::code).isEqualTo(RpcError.METHOD_NOT_ALLOWED);
        }
    }

    @Test
    void refusesMalformedCalls() {
        assertThat(RpcAllowList.refusal("eth_call")).get().extracting(RpcError::code).isEqualTo(RpcError.INVALID_REQUEST);
        assertThat(RpcAllowList.refusal(new JsonObject().put("method", 5))).get().extracting(RpcError::code).isEqualTo(RpcError.INVALID_REQUEST);
        assertThat(RpcAllowList.refusal(new JsonObject().put("method", "eth_call").put("params", "x")))
                .get().extracting(RpcError::code).isEqualTo(RpcError.INVALID_PARAMS);
        assertThat(RpcAllowList.refusal(new JsonObject().put("method", "eth_call").put("id", new JsonObject())))
                .get().extracting(RpcError::code).isEqualTo(RpcError.INVALID_REQUEST);
        assertThat(RpcAllowList.refusal(new JsonObject().put("method", "x".repeat(100))))
                .get().extracting(RpcError::code).isEqualTo(RpcError.INVALID_REQUEST);
    }

    @Test
    void capsTheBlockRangeOfALogScan() {
        JsonObject narrow = call("eth_getLogs", new JsonObject().put("fromBlock", "0x0").put("toBlock", "0x270f"));
        JsonObject wide = call("eth_getLogs", new JsonObject().put("fromBlock", "0x0").put("toBlock", "0x2710"));
        assertThat(RpcAllowList.needsHead(narrow)).isFalse();
        assertThat(RpcAllowList.logRangeRefusal(narrow, -1)).isEmpty();
        assertThat(RpcAllowList.logRangeRefusal(wide, -1)).get().extracting(RpcError::message).asString()
                .contains("10001 blocks").contains("at most 10000");

        JsonObject toHead = call("eth_getLogs", new JsonObject().put("fromBlock", "earliest"));
        assertThat(RpcAllowList.needsHead(toHead)).isTrue();
        assertThat(RpcAllowList.logRangeRefusal(toHead, 500)).isEmpty();
        assertThat(RpcAllowList.logRangeRefusal(toHead, 20_000)).isPresent();

        JsonObject byHash = call("eth_getLogs", new JsonObject().put("blockHash", "0x" + "ab".repeat(32)));
        assertThat(RpcAllowList.needsHead(byHash)).isFalse();
        assertThat(RpcAllowList.logRangeRefusal(byHash, -1)).isEmpty();

        assertThat(RpcAllowList.logRangeRefusal(call("eth_getLogs", new JsonObject().put("fromBlock", "yesterday").put("toBlock", "0x1")), 10))
                .get().extracting(RpcError::code).isEqualTo(RpcError.INVALID_PARAMS);
        assertThat(RpcAllowList.logRangeRefusal(call("eth_getLogs"), 10)).get().extracting(RpcError::code).isEqualTo(RpcError.INVALID_PARAMS);
        assertThat(RpcAllowList.logRangeRefusal(call("eth_getLogs", new JsonObject().put("fromBlock", "0x" + "f".repeat(17))), 10))
                .isPresent();
    }
}
