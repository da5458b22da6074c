package ai.based.chain.anvil;

import ai.based.chain.ChainException;
import ai.based.chain.ChainNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/** Moves a devnet's clock and height forward (anvil's evm_increaseTime, evm_mine, anvil_mine), for tests, benchmarks and the demo. */
public final class DevnetClock {
    /** anvil mines roughly a thousand empty blocks a second here; chunks keep each call well inside the timeout. */
    private static final long MINE_CHUNK = 1_000;
    private static final Duration MINE_TIMEOUT = Duration.ofMinutes(2);

    private DevnetClock() {}

    public static void advance(ChainNode node, Duration duration) {
        Web3jService service = new HttpService(node.rpcUrl());
        send(node, new Request<>("evm_increaseTime", List.of(duration.toSeconds()), service, GenericResponse.class));
        send(node, new Request<>("evm_mine", List.of(), service, GenericResponse.class));
    }

    /** Mines {@code blocks} empty blocks at once (anvil_mine), to close epochs or open votes. */
    public static void mine(ChainNode node, long blocks) {
        Web3jService service = new HttpService(node.rpcUrl(), new OkHttpClient.Builder().readTimeout(MINE_TIMEOUT).build());
        for (long left = blocks; left > 0; left -= MINE_CHUNK) {
            long chunk = Math.min(left, MINE_CHUNK);
            send(node, new Request<>("anvil_mine", List.of("0x" + Long.toHexString(chunk)), service, GenericResponse.class));
        }
    }

    private static void send(ChainNode node, Request<?, GenericResponse> request) {
        try {
            GenericResponse response = request.send();
            if (response.hasError()) {
                throw new ChainException("cannot move the clock of " + node.rpcUrl() + " ("
                        + request.getMethod() + "): " + response.getError().getMessage());
            }
        } catch (IOException e) {
            throw ChainException.unreachable(node.rpcUrl(), e);
        }
    }

    /** Any JSON result. */
    public static final class GenericResponse extends Response<Object> {}
}
