package ai.based.deployment;

import ai.based.chain.ChainNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * Test support: sends transactions from accounts without their keys (anvil_impersonateAccount), to fill a Brain's
 * 1,792 miner slots in seconds or to act as a contract (the epoch oracle naming a pruning candidate). Bulk sends go
 * into the pool with automine off and are mined many to a block, so a loaded machine is not held up block by block.
 */
public final class AnvilImpersonation implements AutoCloseable {
    private static final BigInteger GAS = BigInteger.valueOf(500_000);
    private static final int BATCH = 100;

    private final HttpService service;
    private final Web3j web3j;

    public AnvilImpersonation(ChainNode node) {
        service = new HttpService(node.rpcUrl());
        web3j = Web3j.build(service);
    }

    /** Impersonates each address and gives it ether for gas. */
    public void impersonate(List<String> accounts) throws Exception {
        for (int from = 0; from < accounts.size(); from += BATCH) {
            var batch = web3j.newBatch();
            for (String account : accounts.subList(from, Math.min(accounts.size(), from + BATCH))) {
                batch.add(request("anvil_impersonateAccount", List.of(account)));
                batch.add(request("anvil_setBalance", List.of(account, "0x56bc75e2d63100000")));
            }
            check(batch.send());
        }
    }

    /** One call from each sender to {@code to}, pooled and then mined many to a block; fails on any refused request. */
    public void send(List<String> senders, String to, String data) throws Exception {
        rpc("evm_setAutomine", List.of(false));
        try {
            for (int from = 0; from < senders.size(); from += BATCH) {
                var batch = web3j.newBatch();
                for (String sender : senders.subList(from, Math.min(senders.size(), from + BATCH))) {
                    batch.add(web3j.ethSendTransaction(Transaction.createFunctionCallTransaction(sender, null, null, GAS, to, data)));
                }
                check(batch.send());
            }
            for (int block = 0; block < senders.size() && pending() > 0; block++) rpc("evm_mine", List.of());
            if (pending() > 0) throw new IllegalStateException("anvil left transactions in the pool");
        } finally {
            rpc("evm_setAutomine", List.of(true));
        }
    }

    private long pending() throws Exception {
        var status = new Request<>("txpool_status", List.of(), service, TxPoolStatus.class).send();
        if (status.hasError()) throw new IllegalStateException("txpool_status: " + status.getError().getMessage());
        return Long.decode(String.valueOf(status.getResult().get("pending")));
    }

    private void rpc(String method, List<Object> params) throws Exception {
        VoidResponse response = request(method, params).send();
        if (response.hasError()) throw new IllegalStateException(method + ": " + response.getError().getMessage());
    }

    private Request<?, VoidResponse> request(String method, List<Object> params) {
        return new Request<>(method, params, service, VoidResponse.class);
    }

    private static void check(BatchResponse response) {
        for (Response<?> each : response.getResponses()) {
            if (each.hasError()) throw new IllegalStateException("anvil refused a batched request: " + each.getError().getMessage());
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    /** txpool_status's result: pending and queued counts as hex strings. */
    public static final class TxPoolStatus extends Response<Map<String, Object>> {}
}
