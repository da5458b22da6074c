package ai.based.relayer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.service.HttpEndpoint;
import ai.based.service.PeriodicService;
import ai.based.service.Service;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A backlog larger than one request may carry still reaches every peer: the exchange splits it into requests a
 * relayer accepts (a peer answers 400 to more), so a long outage cannot leave the bridge unable to form a quorum.
 */
class PeerExchangeTest {
    @Test
    void aBacklogBeyondOneRequestIsFetchedInAcceptedChunks() throws Exception {
        List<Integer> requestSizes = new CopyOnWriteArrayList<>();
        var health = new PeriodicService.Health("peer", Service.State.RUNNING, 0, 0, "");
        // the same limit as a relayer's route: more hashes than that in one request is refused
        try (HttpEndpoint peer = HttpEndpoint.start("127.0.0.1", 0, () -> health, JsonObject::new, (request, body) -> {
            JsonArray hashes = new JsonArray(body);
            requestSizes.add(hashes.size());
            if (hashes.size() > PeerExchange.MAX_HASHES_PER_REQUEST) {
                request.response().setStatusCode(400).end();
                return true;
            }
            JsonObject answer = new JsonObject();
            for (Object hash : hashes) answer.put((String) hash, "sig-" + hash);
            request.response().end(answer.encode());
            return true;
        })) {
            List<String> backlog = new ArrayList<>();
            for (int i = 0; i < 2 * PeerExchange.MAX_HASHES_PER_REQUEST + 17; i++) backlog.add("0x" + Integer.toHexString(i));
            var found = new PeerExchange(List.of(URI.create("http://127.0.0.1:" + peer.port()))).fetch(backlog);
            assertThat(found).hasSize(backlog.size());
            assertThat(found.get("0x0")).containsExactly("sig-0x0");
            assertThat(requestSizes).as("three requests, none over the limit")
                    .containsExactly(PeerExchange.MAX_HASHES_PER_REQUEST, PeerExchange.MAX_HASHES_PER_REQUEST, 17);
        }
    }
}
