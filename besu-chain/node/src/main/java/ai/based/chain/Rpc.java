package ai.based.chain;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.http.HttpService;

/** Builds web3j clients with the settings every part of BasedAI shares. */
public final class Rpc {
    /** web3j polls every 15 s by default; devnets mine in milliseconds (DESIGN.md §4). */
    public static final Duration POLLING_INTERVAL = Duration.ofMillis(100);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private Rpc() {}

    public static Web3j connect(String rpcUrl) {
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(CONNECT_TIMEOUT)
                .callTimeout(CALL_TIMEOUT)
                .build();
        return Web3j.build(
                new HttpService(rpcUrl, http),
                POLLING_INTERVAL.toMillis(),
                Executors.newSingleThreadScheduledExecutor(Rpc::daemonThread));
    }

    /** Reads eth_chainId; a node that does not answer is reported as unreachable. */
    public static long chainId(Web3j web3j, String rpcUrl) {
        try {
            EthChainId response = web3j.ethChainId().send();
            if (response.hasError()) {
                throw new ChainException("cannot read the chain id of " + rpcUrl + ": "
                        + response.getError().getMessage());
            }
            return response.getChainId().longValueExact();
        } catch (IOException e) {
            throw ChainException.unreachable(rpcUrl, e);
        }
    }

    private static Thread daemonThread(Runnable task) {
        Thread thread = new Thread(task, "web3j-poll");
        thread.setDaemon(true);
        return thread;
    }
}
