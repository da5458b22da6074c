package ai.based.miner.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.miner.TlsIdentity;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A malicious miner against the real client over pinned HTTPS: answers larger than any the protocol needs and WebSocket
 * messages nobody asked for. The client does not buffer them without bound; each case is a {@link MinerException}
 * naming the miner.
 */
class HostileMinerTest {
    private static final char[] PASSWORD = "hostile-miner".toCharArray();
    private static final int FLOOD = 24;
    private static Vertx vertx;
    private static HttpServer server;
    private static TlsIdentity tls;
    private static final AtomicInteger floodSent = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("hostile-miner-");
        tls = TlsIdentity.loadOrCreate(dir.resolve("tls.p12"), PASSWORD, List.of());
        vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true));
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setMaxWebSocketMessageSize(64 << 20)
                .setKeyCertOptions(new PfxOptions().setPath(tls.keyStore().toString()).setPassword(new String(PASSWORD))))
                .requestHandler(request -> {
                    switch (request.path()) {
                        // far more than any info: the client must stop reading, not buffer it
                        case "/v1/info" -> request.response().putHeader("content-type", "application/json").end(Buffer.buffer(new byte[8 << 20]));
                        case "/v1/session" -> request.toWebSocket().onSuccess(socket -> {
                            for (int i = 0; i < FLOOD; i++) {
                                socket.writeBinaryMessage(Buffer.buffer(new byte[1 << 20]));
                                floodSent.incrementAndGet();
                            }
                        });
                        default -> request.response().setStatusCode(404).end();
                    }
                });
        server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static MinerClient client() {
        return new MinerClient(URI.create("https://127.0.0.1:" + server.actualPort()), tls.certificateSha256(), Duration.ofSeconds(20));
    }

    @Test
    void anAnswerOverTheLimitIsRefusedNotBuffered() {
        assertThatThrownBy(() -> client().info()).isInstanceOf(MinerException.class).hasMessageContaining("over " + MinerClient.MAX_ANSWER_BYTES);
    }

    @Test
    void messagesNobodyAskedForWaitInTheNetworkNotInTheClient() throws Exception {
        try (RemoteSession session = client().openSession("0xpayer")) {
            for (int i = 0; i < 200 && floodSent.get() < FLOOD; i++) Thread.sleep(50);
            Thread.sleep(2_000); // room for the flood to arrive, had the client asked for it
            assertThat(inbox(session).messages.size()).as("messages held by the client before the pass loop takes one").isLessThanOrEqualTo(1);
        }
    }

    private static RemoteSession.Inbox inbox(RemoteSession session) throws Exception {
        var field = RemoteSession.class.getDeclaredField("inbox");
        field.setAccessible(true);
        return (RemoteSession.Inbox) field.get(session);
    }
}
