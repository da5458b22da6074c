package ai.based.miner.remote;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.circuits.BootstrappingKeys;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Talks to one miner over HTTPS pinned to its announced certificate: reads its info, uploads a key set (streamed,
 * skipped when the miner already holds it) and opens pass sessions. Every failure is a {@link MinerException} naming
 * the miner.
 */
public final class MinerClient {
    /** The largest answer read from a miner's HTTP routes (info, metrics, health, an upload's status): they are small. */
    static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI endpoint;
    private final HttpClient http;
    private final Duration timeout;

    public MinerClient(URI endpoint, byte[] certificateSha256, Duration timeout) {
        if (!"https".equals(endpoint.getScheme())) throw new IllegalArgumentException("a miner endpoint is https://host:port, not " + endpoint);
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().sslContext(PinnedCertificate.context(certificateSha256)).connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    public JsonObject info() throws MinerException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint.resolve("/v1/info")).timeout(Duration.ofSeconds(15)).GET().build());
        try {
            return new JsonObject(response.body());
        } catch (DecodeException e) {
            throw failure(response.statusCode(), "its info is not JSON", null);
        }
    }

    /** The miner's figures (GET /metrics): passes, sessions, key uploads, payments. */
    public JsonObject metrics() throws MinerException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(endpoint.resolve("/metrics")).timeout(Duration.ofSeconds(15)).GET().build());
        try {
            return new JsonObject(response.body());
        } catch (DecodeException e) {
            throw failure(response.statusCode(), "its metrics are not JSON", null);
        }
    }

    /** The round trip of a health check, in seconds; the client picks the fastest miner. */
    public double latency() throws MinerException {
        long t0 = System.nanoTime();
        send(HttpRequest.newBuilder(endpoint.resolve("/health")).timeout(Duration.ofSeconds(5)).GET().build());
        return (System.nanoTime() - t0) / 1e9;
    }

    public boolean hasKeys(String keySetId) throws MinerException {
        HttpRequest head = HttpRequest.newBuilder(endpoint.resolve("/v1/keys/" + keySetId)).timeout(Duration.ofSeconds(15))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        try {
            return http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            throw failure(0, "unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(0, "interrupted", e);
        }
    }

    /** Uploads the key set unless the miner holds it; returns the bytes sent (0 when it was already there). */
    public long uploadKeys(String keySetId, EvaluationKeys keys, EvaluationKeyFormat format) throws MinerException {
        if (hasKeys(keySetId)) return 0;
        long size = format.size(keys);
        HttpRequest put = HttpRequest.newBuilder(endpoint.resolve("/v1/keys/" + keySetId)).timeout(timeout)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> stream(out -> format.write(keys, out))), size))
                .build();
        HttpResponse<String> response = send(put);
        if (response.statusCode() != 201) throw failure(response.statusCode(), response.body(), null);
        return size;
    }

    /**
     * Uploads a non-interactive key set (the model's keys and bootstrapping's) unless the miner holds it; returns the
     * bytes sent (0 when it was already there). Several GB at N = 2^16: streamed as it is written, never buffered whole.
     */
    public long uploadBootstrappingKeys(String keySetId, EvaluationKeys model, BootstrappingKeys bootstrapping, BootstrappingKeyFormat format)
            throws MinerException {
        if (hasKeys(keySetId)) return 0;
        long size = format.size(model, bootstrapping);
        return putBootstrapping(keySetId, HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                () -> stream(out -> format.write(model, bootstrapping, out))), size), size);
    }

    /** As above, from a key set made into a file (the client never holds it whole). */
    public long uploadBootstrappingKeys(String keySetId, BootstrappingKeyFile keys) throws MinerException {
        if (hasKeys(keySetId)) return 0;
        try {
            return putBootstrapping(keySetId, HttpRequest.BodyPublishers.ofFile(keys.path()), keys.bytes());
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalStateException("the key set's file " + keys.path() + " is gone (closed before the upload?)", e);
        }
    }

    private long putBootstrapping(String keySetId, HttpRequest.BodyPublisher body, long size) throws MinerException {
        // the request ends when the miner has read and checked the keys: the time the slowest upload a miner accepts
        // needs, plus the reading, not the timeout of a small request
        Duration upload = timeout.plusSeconds(size / ProtocolLimits.MIN_UPLOAD_BYTES_PER_SECOND);
        HttpRequest put = HttpRequest.newBuilder(endpoint.resolve("/v1/keys/" + keySetId + "/bootstrapping")).timeout(upload).PUT(body).build();
        HttpResponse<String> response = send(put);
        if (response.statusCode() != 201) throw failure(response.statusCode(), response.body(), null);
        return size;
    }

    /** A session for passes paid from {@code payer}'s account. */
    public RemoteSession openSession(String payer) throws MinerException {
        URI ws = URI.create("wss://" + endpoint.getRawAuthority() + "/v1/session");
        RemoteSession.Inbox inbox = new RemoteSession.Inbox();
        try {
            var socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(ws, inbox).get(30, TimeUnit.SECONDS);
            return new RemoteSession(endpoint.toString(), socket, inbox, payer, timeout);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                var response = refused.getResponse();
                Optional<Duration> retry = response.headers().firstValue("retry-after").flatMap(MinerClient::seconds);
                String body = response.body() instanceof String text ? text : "the session was refused";
                throw failure(response.statusCode(), body, null, retry);
            }
            throw failure(0, "unreachable: " + rootMessage(e), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw failure(0, "did not open a session within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(0, "interrupted", e);
        }
    }

    /** Sends and reads the answer, at most {@link #MAX_ANSWER_BYTES}: a miner cannot make the client buffer more. */
    private HttpResponse<String> send(HttpRequest request) throws MinerException {
        try {
            HttpResponse<String> response = http.send(request, BoundedBody.upTo(MAX_ANSWER_BYTES));
            if (response.statusCode() >= 400) {
                Optional<Duration> retry = response.headers().firstValue("retry-after").flatMap(MinerClient::seconds);
                throw failure(response.statusCode(), response.body(), null, retry);
            }
            return response;
        } catch (IOException e) {
            throw failure(0, "unreachable: " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(0, "interrupted", e);
        }
    }

    /** What writes an upload's body. */
    private interface BodyWriter {
        void write(java.io.OutputStream out) throws IOException;
    }

    private static java.io.InputStream stream(BodyWriter body) {
        try {
            PipedInputStream in = new PipedInputStream(1 << 20);
            PipedOutputStream out = new PipedOutputStream(in);
            Thread writer = new Thread(() -> {
                try (out) {
                    body.write(out);
                } catch (IOException e) {
                    // the reader closed: the request failed and reports why
                }
            }, "key-upload");
            writer.setDaemon(true);
            writer.start();
            return in;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Optional<Duration> seconds(String header) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private MinerException failure(int status, String reason, Throwable cause) {
        return failure(status, reason, cause, Optional.empty());
    }

    private MinerException failure(int status, String reason, Throwable cause, Optional<Duration> retry) {
        String shortReason = reason == null ? "" : reason.length() > 500 ? reason.substring(0, 500) + "..." : reason;
        return new MinerException(endpoint.toString(), status, shortReason, retry, cause);
    }

    static String rootMessage(Throwable e) {
        while (e.getCause() != null) e = e.getCause();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
