package ai.based.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches the other signers' answers for an epoch (GET /v1/epochs/{epoch}, all peers at once). Each read is bounded
 * in time ({@link #TIMEOUT}) and size ({@link #MAX_ANSWER_BYTES}); a peer that is down, slow, answers an error or
 * garbage yields no answer and delays the others by at most the timeout.
 */
public final class OraclePeers implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** A summary is bounded well below this ({@link EpochSummary}); a larger body is not read to its end. */
    public static final int MAX_ANSWER_BYTES = 4 << 20;

    /** What one peer answered. */
    public record Fetched(URI peer, EpochAnswer answer) {}

    private final List<URI> peers;
    // HTTP/1.1 as the peers' endpoints speak it: the JDK's default would ask every new connection to upgrade to HTTP/2
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    // virtual threads: a peer that trickles its body ties up a cheap thread until its connection ends, never a pool's
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();

    public OraclePeers(List<URI> peers) {
        this.peers = List.copyOf(peers);
    }

    public List<URI> peers() {
        return peers;
    }

    public List<Fetched> fetch(long epoch) throws InterruptedException {
        List<CompletableFuture<Fetched>> pending = new ArrayList<>();
        for (URI peer : peers) pending.add(CompletableFuture.supplyAsync(() -> fetchOne(peer, epoch), readers));
        List<Fetched> answers = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos() * 2;
        for (CompletableFuture<Fetched> future : pending) {
            try {
                Fetched fetched = future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (fetched != null) answers.add(fetched);
            } catch (ExecutionException | TimeoutException slowOrBroken) {
                future.cancel(true); // a peer that trickles its answer counts for nothing
            }
        }
        return answers;
    }

    private Fetched fetchOne(URI peer, long epoch) {
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(peer.resolve("/v1/epochs/" + epoch)).timeout(TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) return null;
                byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
                if (bytes.length > MAX_ANSWER_BYTES) return null;
                EpochAnswer answer = EpochAnswer.parse(new String(bytes, StandardCharsets.UTF_8));
                return answer.epoch() == epoch ? new Fetched(peer, answer) : null;
            }
        } catch (IOException | IllegalArgumentException | SecurityException unreachableOrGarbage) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
