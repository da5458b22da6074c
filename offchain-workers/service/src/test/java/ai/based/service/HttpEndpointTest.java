package ai.based.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile requests get a 4xx (or 500 for a route's own bug) and the endpoint keeps serving everyone else. */
class HttpEndpointTest {
    /** A reply the size of the portal's manifest with its ABIs (140 kB): several HTTP/2 frames, were it upgraded. */
    private static final String BIG_REPLY = "[" + "\"name\",".repeat(20_000) + "1]";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private PeriodicService service;

    @BeforeEach
    void start() throws Exception {
        Worker worker = new Worker() {
            @Override
            public void pass() {}

            @Override
            public JsonObject metrics() {
                return new JsonObject().put("answered", 42);
            }
        };
        HttpRoutes routes = (request, body) -> {
            if (request.path().equals("/echo")) {
                request.response().end("got " + body.length() + " bytes");
                return true;
            }
            if (request.path().equals("/big")) {
                request.response().putHeader("content-type", "application/json").end(BIG_REPLY);
                return true;
            }
            if (request.path().equals("/bug")) throw new IllegalStateException("a route's own bug");
            return false;
        };
        service = new PeriodicService("endpoint", worker, new FailurePolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 3), l -> {})
                .serveHttp("127.0.0.1", 0, routes);
        service.start().get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        service.stop().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aClientAskingForHttp2InClearTextGetsWholeRepliesOverHttp11() throws Exception {
        // the JDK client's default asks to upgrade a plain connection to HTTP/2; large replies on such a connection
        // used to arrive as corrupt frames, so the endpoint answers in HTTP/1.1
        URI big = URI.create("http://127.0.0.1:" + service.httpPort() + "/big");
        for (int i = 0; i < 20; i++) {
            try (HttpClient fresh = HttpClient.newHttpClient()) {
                HttpResponse<String> response = fresh.send(HttpRequest.newBuilder(big).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
                assertThat(response.body()).isEqualTo(BIG_REPLY);
            }
        }
    }

    @Test
    void metricsCarryTheServiceHealthAndTheWorkersFigures() throws Exception {
        var metrics = new JsonObject(get("/metrics").body());
        assertThat(metrics.getInteger("answered")).isEqualTo(42);
        assertThat(metrics.getJsonObject("service").getString("name")).isEqualTo("endpoint");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownPathsAndBrokenRoutesDoNotStopTheServer() throws Exception {
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(get("/bug").statusCode()).isEqualTo(500);
        assertThat(post("/echo", new byte[1000]).body()).isEqualTo("got 1000 bytes");
        assertThat(get("/health").statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void anOversizedBodyIsRefusedWithoutBufferingIt() throws Exception {
        // a declared length over the limit is refused before any of the body is read
        try (Socket socket = new Socket("127.0.0.1", service.httpPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + (HttpEndpoint.MAX_BODY_BYTES + 1)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
        // chunked, with no length declared: refused once the limit is crossed
        try (Socket socket = new Socket("127.0.0.1", service.httpPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            String header = Integer.toHexString(chunk.length) + "\r\n";
            try {
                for (int i = 0; i < 2 * HttpEndpoint.MAX_BODY_BYTES / chunk.length; i++) {
                    out.write(header.getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (java.io.IOException closedByServer) {
                // the server closes the connection once it has answered 413
            }
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 413");
        }
        assertThat(get("/health").statusCode()).as("still serving").isEqualTo(200);
    }

    @Test
    void malformedRequestLinesGetA4xx() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", service.httpPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).as("414 URI too long").matches("HTTP/1\\.[01] 4\\d\\d");
        }
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void connectionsBeyondTheCapAreClosedAndTheEndpointServesOnceTheyGo() throws Exception {
        java.util.List<Socket> sockets = new java.util.ArrayList<>();
        int answered = 0;
        int closed = 0;
        try {
            for (int i = 0; i <= ConnectionLimit.MAX_CONNECTIONS; i++) {
                Socket socket = new Socket("127.0.0.1", service.httpPort());
                socket.setSoTimeout(10_000);
                sockets.add(socket);
            }
            for (Socket socket : sockets) {
                try {
                    socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                    if (status.equals("HTTP/1.1 200")) answered++;
                    else closed++;
                } catch (java.io.IOException reset) {
                    closed++;
                }
            }
        } finally {
            for (Socket socket : sockets) socket.close();
        }
        assertThat(answered).as("connections kept, all held open at once").isEqualTo(ConnectionLimit.MAX_CONNECTIONS);
        assertThat(closed).as("the one over the cap").isEqualTo(1);
        // the held connections are counted out as they close, and the endpoint serves again
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int status = 0;
        while (System.nanoTime() < deadline) {
            try {
                status = get("/health").statusCode();
                if (status == 200) break;
            } catch (java.io.IOException stillRefused) {
                Thread.sleep(50);
            }
        }
        assertThat(status).isEqualTo(200);
        assertThat(new JsonObject(get("/metrics").body()).getJsonObject("connections").getInteger("refused")).isEqualTo(1);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
