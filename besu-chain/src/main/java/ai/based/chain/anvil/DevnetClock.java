package ai.based.chain.anvil;

import ai.based.chain.ChainException;
import ai.based.chain.ChainNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/** Moves a devnet's clock forward (anvil's evm_increaseTime + evm_mine), for stake locks in tests and benchmarks. */
public final class DevnetClock {
    private DevnetClock() {}

    public static void advance(ChainNode node, Duration duration) {
        Web3jService service = new HttpService(node.rpcUrl());
        send(node, new Request<>("evm_increaseTime", List.of(duration.toSeconds()), service, GenericResponse.class));
        send(node, new Request<>("evm_mine", List.of(), service, GenericResponse.class));
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
