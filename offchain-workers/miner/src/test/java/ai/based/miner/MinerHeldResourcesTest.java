package ai.based.miner;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.miner.remote.PinnedCertificate;
import ai.based.protocol.wire.Message;
import ai.based.protocol.wire.WireCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a client holds on a real miner after it stops cooperating: a key upload that stalls loses the miner's only
 * upload slot, and a session closed while its pass still runs keeps its slot until the pass has stopped (so closing
 * and reopening cannot put more passes to work than the miner's session limit).
 */
class MinerHeldResourcesTest {
    private static final String KEY_SET = "00112233445566778899aabbccddeeff";
    private static final CountDownLatch CHAIN_ASKED = new CountDownLatch(1);
    private static final CountDownLatch CHAIN_ANSWERS = new CountDownLatch(1);
    /** A chain whose account check does not answer until the test lets it: a pass stuck before its first round trip. */
    private static final PaymentGate SLOW_CHAIN = new PaymentGate() {
        @Override
        public void beforePass(String payer, long unpaidUnits, long units) {
            CHAIN_ASKED.countDown();
            try {
                CHAIN_ANSWERS.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void accept(String payer, Message.Payment payment) {}
    };
    private static MinerFixture f;
    private static HttpClient raw;

    @BeforeAll
    static void start() throws Exception {
        f = new MinerFixture(new MinerLimits(2, 64L << 20, Duration.ofSeconds(3), Duration.ofSeconds(30)), DiagonalCache.none(), SLOW_CHAIN);
        raw = HttpClient.newBuilder().sslContext(PinnedCertificate.context(f.tls.certificateSha256())).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() throws Exception {
        CHAIN_ANSWERS.countDown();
        f.close();
    }

    @Test
    void aStalledUploadIsEndedAndFreesTheUploadSlot() throws Exception {
        // 16 bytes of a declared 8 MiB, then nothing: the connection stays open, the miner's one upload slot taken
        try (var socket = (javax.net.ssl.SSLSocket) PinnedCertificate.context(f.tls.certificateSha256()).getSocketFactory()
                .createSocket("127.0.0.1", f.service.httpPort())) {
            socket.setSoTimeout(25_000); // without a watch, only the HTTP idle timeout (60 s) would end it
            socket.getOutputStream().write(("PUT /v1/keys/" + KEY_SET + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + (8 << 20)
                    + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[16]);
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("bytes/s");
        }
        HttpResponse<String> next = raw.send(HttpRequest.newBuilder(f.endpoint().resolve("/v1/keys/" + KEY_SET))
                .PUT(HttpRequest.BodyPublishers.ofByteArray("not keys at all".getBytes())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).as("the next upload is read, not told another is in progress: " + next.body()).isEqualTo(400);
        assertThat(next.body()).contains("malformed key set");
    }

    @Test
    void aSessionClosedMidPassKeepsItsSlotUntilThePassStops() throws Exception {
        WebSocket socket = raw.newWebSocketBuilder().buildAsync(URI.create("wss://127.0.0.1:" + f.service.httpPort() + "/v1/session"),
                new WebSocket.Listener() {}).get(10, TimeUnit.SECONDS);
        socket.sendBinary(ByteBuffer.wrap(WireCodec.encode(new Message.Pass(KEY_SET, "0xpayer", 64, new int[] {3}, new byte[8]))), true)
                .get(10, TimeUnit.SECONDS);
        assertThat(CHAIN_ASKED.await(30, TimeUnit.SECONDS)).as("the pass reached the payment check").isTrue();
        socket.abort();
        Thread.sleep(2_000); // room for the miner to see the close
        assertThat(activeSessions()).as("the pass still holds a pass thread").isEqualTo(1);
        CHAIN_ANSWERS.countDown();
        for (int i = 0; i < 200 && activeSessions() > 0; i++) Thread.sleep(50);
        assertThat(activeSessions()).as("freed once the pass stopped").isZero();
    }

    @Test
    void anUploadIsMeasuredByTheKeysItDeclaresBeforeAnyIsRead() throws Exception {
        // 12 bytes that declare 256 keys: loaded, they could never fit the 64 MiB store, and nothing of them is parsed
        byte[] header = ByteBuffer.allocate(12).putInt(0x424B4559).putInt(256).putInt(7).array();
        HttpResponse<String> answer = raw.send(HttpRequest.newBuilder(f.endpoint().resolve("/v1/keys/" + KEY_SET))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(header)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.body()).contains("does not fit this miner's key store");
    }

    private static int activeSessions() throws Exception {
        return f.client().info().getInteger("activeSessions");
    }
}
