package ai.based.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.TokenSegments;
import ai.based.miner.remote.MinerClient;
import ai.based.miner.remote.MinerException;
import ai.based.miner.remote.PinnedCertificate;
import ai.based.miner.remote.RemoteSession;
import ai.based.protocol.wire.Message;
import ai.based.protocol.wire.WireCodec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and careless clients against a real miner over HTTPS: each gets a 4xx with a reason, and the miner goes on
 * serving everyone else (its info still answers after every case). No evaluation keys are needed for any of it.
 */
class MinerHostileInputTest {
    private static final int SESSIONS = 2;
    private static MinerFixture f;
    private static HttpClient raw;

    @BeforeAll
    static void start() throws Exception {
        f = new MinerFixture(new MinerLimits(SESSIONS, 64L << 20, Duration.ofSeconds(5), Duration.ofSeconds(30)), DiagonalCache.none());
        raw = HttpClient.newBuilder().sslContext(PinnedCertificate.context(f.tls.certificateSha256())).version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() throws Exception {
        f.close();
    }

    private static HttpResponse<String> put(String path, byte[] body) throws Exception {
        return raw.send(HttpRequest.newBuilder(f.endpoint().resolve(path)).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void stillServing() throws Exception {
        assertThat(f.client().info().getString("model")).startsWith("tiny@sha256:");
    }

    @Test
    void theInfoNamesTheModelByItsContentAndTheRotationsToSend() throws Exception {
        var info = f.client().info();
        assertThat(info.getInteger("protocol")).isEqualTo(WireCodec.VERSION);
        assertThat(info.getJsonArray("rotations")).isNotEmpty();
        assertThat(info.getInteger("brain")).isEqualTo(7);
    }

    @Test
    void aClientPinnedToAnotherCertificateRefusesTheMiner() {
        MinerClient impostor = new MinerClient(f.endpoint(), new byte[32], Duration.ofSeconds(10));
        assertThatThrownBy(impostor::info).isInstanceOf(MinerException.class).hasMessageContaining("unreachable")
                .hasMessageContaining("not the miner it claims to be");
    }

    @Test
    void malformedKeyUploadsAreRefusedWithAReason() throws Exception {
        HttpResponse<String> garbage = put("/v1/keys/00112233445566778899aabbccddeeff", "not keys at all".getBytes());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("malformed key set");
        assertThat(put("/v1/keys/NOT-HEX", new byte[8]).statusCode()).isEqualTo(400);
        HttpResponse<String> huge = put("/v1/keys/00112233445566778899aabbccddeeff", new byte[40 << 20]);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.body()).contains("does not fit this miner's key store");
        HttpResponse<String> bomb = raw.send(HttpRequest.newBuilder(f.endpoint().resolve("/v1/keys/00112233445566778899aabbccddeeff"))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofByteArray(new byte[16]))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bomb.statusCode()).as("a chunked upload has no declared size to check").isEqualTo(411);
        stillServing();
    }

    @Test
    void hostileSessionMessagesGetAFailureNamingThem() throws Exception {
        assertThat(failureFor(new byte[] {1, 2, 3})).contains("400").contains("not a BasedAI wire message");
        assertThat(failureFor(WireCodec.encode(new Message.StateReply(new byte[4])))).contains("400").contains("without a round trip");
        assertThat(failureFor(WireCodec.encode(new Message.Logits(1, List.of())))).contains("400").contains("a miner's message");
        byte[] pass = WireCodec.encode(new Message.Pass("00112233445566778899aabbccddeeff", "0xpayer", 64, new int[] {3}, new byte[8]));
        assertThat(failureFor(pass)).contains("409").contains("upload them with PUT /v1/keys/");
        stillServing();
    }

    /** Valid messages with random bytes changed, cut or appended: each one is refused with a 4xx, never a 5xx or silence. */
    @Test
    void mutatedMessagesAreRefusedAsTheClientsFault() throws Exception {
        java.util.Random random = new java.util.Random(15);
        List<byte[]> seeds = List.of(
                WireCodec.encode(new Message.Pass("00112233445566778899aabbccddeeff", "0xpayer", 64, new int[] {3, 4}, new byte[64])),
                WireCodec.encode(new Message.AttentionReply(new byte[32], new byte[32])),
                WireCodec.encode(new Message.Payment(1, new byte[32], new byte[65])));
        for (int i = 0; i < 30; i++) {
            byte[] message = seeds.get(i % seeds.size()).clone();
            switch (i % 3) {
                case 0 -> message[random.nextInt(message.length)] ^= (byte) (1 + random.nextInt(255));
                case 1 -> message = java.util.Arrays.copyOf(message, random.nextInt(message.length));
                default -> message = java.util.Arrays.copyOf(message, message.length + 1 + random.nextInt(8));
            }
            String failure = failureFor(message);
            assertThat(Integer.parseInt(failure.substring(0, 3))).as("mutation " + i + ": " + failure).isBetween(400, 499);
        }
        stillServing();
    }

    @Test
    void sessionsBeyondTheLimitAreToldWhenToRetry() throws Exception {
        List<RemoteSession> open = new ArrayList<>();
        try {
            for (int i = 0; i < SESSIONS; i++) open.add(f.client().openSession("0xpayer"));
            assertThatThrownBy(() -> f.client().openSession("0xpayer")).isInstanceOfSatisfying(MinerException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
                assertThat(e.minerSide()).isTrue();
            });
        } finally {
            open.forEach(RemoteSession::close);
        }
        stillServing();
        awaitSessionsFree();
        f.client().openSession("0xpayer").close();
    }

    @Test
    void aPassAgainstUnknownKeysFailsThroughTheClientWithTheMinersReason() throws Exception {
        awaitSessionsFree();
        try (RemoteSession session = f.client().openSession("0xpayer")) {
            assertThatThrownBy(() -> session.logits("00112233445566778899aabbccddeeff", new byte[8], TokenSegments.single(64, 3), null))
                    .isInstanceOfSatisfying(MinerException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.minerSide()).isFalse();
                    });
        }
    }

    private static void awaitSessionsFree() throws Exception {
        for (int i = 0; i < 100 && f.client().info().getInteger("activeSessions") > 0; i++) Thread.sleep(50);
    }

    private static String failureFor(byte[] message) throws Exception {
        awaitSessionsFree();
        return RawSessions.failureFor(raw, f.endpoint(), message);
    }
}
