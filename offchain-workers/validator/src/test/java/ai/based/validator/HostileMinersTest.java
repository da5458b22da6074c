package ai.based.validator;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.miner.TlsIdentity;
import ai.based.protocol.wire.Message;
import ai.based.protocol.wire.WireCodec;
import ai.based.protocol.scoring.ScoringParameters;
import ai.based.service.PeriodicService;
import ai.based.service.Service;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Miners that misbehave at each step of the user's path, against the real challenger: one answers garbage, one closes
 * every connection, one trickles its answer a byte at a time, one accepts the keys and then closes the session at the
 * first pass, one answers the pass with bytes that are no message. Each scores zero with a reason, within the
 * challenge's deadline, and the validator goes on with the next miner in the same pass loop. And one that never answers
 * its session does not hold up the validator's stop.
 */
@Tag("model")
class HostileMinersTest {
    private static final char[] PASSWORD = "hostile-miners".toCharArray();
    private static final String ACCOUNT = "0x00000000000000000000000000000000000000aa";
    private static Vertx vertx;
    private static TlsIdentity tls;
    private static ModelId model;
    private static Challenger challenger;
    private static Supplier<Challenger> patientChallenger;
    private static final List<MinerTarget> miners = new ArrayList<>();
    private static ServerSocket closer;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("hostile-miners-");
        tls = TlsIdentity.loadOrCreate(dir.resolve("tls.p12"), PASSWORD, List.of());
        vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true));
        ModelPackage tiny = ModelPackage.bundled("tiny");
        model = ModelId.bundled("tiny");
        Parameters params = Parameters.create(EncryptedGpt.PARAMETERS);
        EncryptedGpt circuit = new EncryptedGpt(tiny.config(), tiny.weights(), params, Runnable::run, Runnable::run, DiagonalCache.none());
        ValidatorSettings settings = new ValidatorSettings(7, dir, 1, new ScoringParameters(0.05, Duration.ofSeconds(2), Duration.ofSeconds(6)),
                0.5, Duration.ofSeconds(60));
        challenger = new Challenger(new PlainGpt(tiny.config(), tiny.weights()), model, params, circuit.rotationSteps(),
                HeldOutPrompts.kjv(tiny.tokenizer(), tiny.config().context(), 1, new Random(3)), settings, new FreeRides());
        // a deadline of hours: a challenge that ends within the test ends by the stop, not by the deadline
        ValidatorSettings patient = new ValidatorSettings(7, dir, 1, new ScoringParameters(0.05, Duration.ofSeconds(2), Duration.ofHours(1)),
                0.5, Duration.ofHours(1));
        patientChallenger = () -> new Challenger(new PlainGpt(tiny.config(), tiny.weights()), model, params, circuit.rotationSteps(),
                HeldOutPrompts.kjv(tiny.tokenizer(), tiny.config().context(), 1, new Random(4)), patient, new FreeRides());

        miners.add(target(0, serve(request -> request.response().end(Buffer.buffer(garbage(4_096))))));
        closer = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!closer.isClosed()) {
                try (Socket socket = closer.accept()) {
                    socket.setSoLinger(true, 0); // a reset, as a crashed miner's host sends
                } catch (Exception e) {
                    // closed at the end of the test
                }
            }
        });
        miners.add(target(1, closer.getLocalPort()));
        miners.add(target(2, serve(request -> {
            if (!request.path().equals("/v1/info")) {
                honestUpTo(request);
                return;
            }
            request.response().setChunked(true).putHeader("content-type", "application/json").write("{");
            vertx.setPeriodic(500, id -> request.response().write(" ").onFailure(e -> vertx.cancelTimer(id)));
        })));
        miners.add(target(3, serve(request -> {
            if (request.path().equals("/v1/session")) request.toWebSocket().onSuccess(socket -> socket.binaryMessageHandler(m -> socket.close()));
            else honestUpTo(request);
        })));
        miners.add(target(4, serve(request -> {
            if (request.path().equals("/v1/session")) {
                request.toWebSocket().onSuccess(socket -> socket.binaryMessageHandler(m -> socket.writeBinaryMessage(Buffer.buffer(garbage(1_000)))));
            } else {
                honestUpTo(request);
            }
        })));
    }

    @AfterAll
    static void stop() throws Exception {
        challenger.close();
        closer.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Health, info and the key upload as a real miner answers them: the hostility comes later. */
    private static void honestUpTo(HttpServerRequest request) {
        switch (request.path()) {
            case "/health" -> request.response().end(new JsonObject().put("state", "RUNNING").encode());
            case "/v1/info" -> request.response().putHeader("content-type", "application/json")
                    .end(new JsonObject().put("model", model.toString()).put("miner", ACCOUNT).put("task", "generation").encode());
            default -> {
                if (request.path().startsWith("/v1/keys/") && request.method().name().equals("HEAD")) {
                    request.response().setStatusCode(404).end();
                } else if (request.path().startsWith("/v1/keys/")) {
                    request.handler(chunk -> {}).endHandler(done -> request.response().setStatusCode(201).end());
                } else {
                    request.response().setStatusCode(404).end();
                }
            }
        }
    }

    private static int serve(io.vertx.core.Handler<HttpServerRequest> handler) throws Exception {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setMaxWebSocketMessageSize(64 << 20).setMaxWebSocketFrameSize(64 << 20)
                .setKeyCertOptions(new PfxOptions().setPath(tls.keyStore().toString()).setPassword(new String(PASSWORD)))).requestHandler(handler);
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS).actualPort();
    }

    private static MinerTarget target(int uid, int port) {
        return new MinerTarget(uid, ACCOUNT, URI.create("https://127.0.0.1:" + port), tls.certificateSha256());
    }

    private static byte[] garbage(int bytes) {
        byte[] out = new byte[bytes];
        new Random(bytes).nextBytes(out);
        return out;
    }

    @Test
    void eachHostileMinerScoresZeroAndTheValidatorGoesOnWithTheNext() throws Exception {
        List<String> log = new ArrayList<>();
        NoWeights weights = new NoWeights();
        ValidatorService validator = new ValidatorService(() -> miners, challenger, weights, 0.5, log::add);
        for (int pass = 0; pass < miners.size(); pass++) validator.pass();

        JsonArray scored = validator.metrics().getJsonArray("miners");
        assertThat(scored).hasSize(miners.size());
        for (int i = 0; i < scored.size(); i++) {
            JsonObject miner = scored.getJsonObject(i);
            assertThat(miner.getInteger("uid")).isEqualTo(i);
            assertThat(miner.getDouble("lastScore")).as("miner %d: %s", i, miner.getString("lastReason")).isZero();
            assertThat(miner.getDouble("ema")).isZero();
            assertThat(miner.getString("lastReason")).isNotBlank();
        }
        assertThat(scored.getJsonObject(0).getString("lastReason")).contains("not JSON");
        assertThat(scored.getJsonObject(1).getString("lastReason")).contains("unreachable");
        // closed while the pass is still being sent, or after: either way the session is gone mid-pass
        assertThat(scored.getJsonObject(3).getString("lastReason")).containsAnyOf("closed the session mid-pass", "the session broke");
        assertThat(scored.getJsonObject(4).getString("lastReason")).contains("malformed message");
        assertThat(log).hasSize(miners.size()).allMatch(line -> line.startsWith("challenged miner uid"));
        assertThat(validator.currentWeights().isEmpty()).as("no miner earned a weight").isTrue();
        assertThat(weights.settled).as("the weights were settled before every challenge").isEqualTo(miners.size());
    }

    @Test
    void aMinerAskingForMoreRoundTripsThanAPassNeedsIsRefused() throws Exception {
        // the validator's time in round trips is not the miner's, so a miner asking for needless ones could compute
        // while they are answered and have that time excused: past the circuit's number the session refuses the pass
        int maxRounds = EncryptedGpt.maxClientRounds(ModelPackage.bundled("tiny").config());
        AtomicInteger asked = new AtomicInteger();
        MinerTarget miner = target(6, serve(request -> {
            if (!request.path().equals("/v1/session")) {
                honestUpTo(request);
                return;
            }
            request.toWebSocket().onSuccess(socket -> {
                byte[][] prompt = new byte[1][];
                socket.binaryMessageHandler(bytes -> {
                    Message message = WireCodec.decode(bytes.getBytes());
                    if (message instanceof Message.Pass pass) prompt[0] = pass.state();
                    else if (!(message instanceof Message.StateReply)) return;
                    // the prompt's own ciphertext echoed back: in range, so only the count of round trips gives it away
                    Message next = asked.incrementAndGet() <= maxRounds + 1 ? new Message.StateRound(0, prompt[0])
                            : new Message.Logits(1, List.of(prompt[0]));
                    socket.writeBinaryMessage(Buffer.buffer(WireCodec.encode(next)));
                });
            });
        }));
        MinerChallenger.Result result = challenger.challenge(miner);
        assertThat(result.score().value()).as(result.score().reason()).isZero();
        assertThat(result.score().reason()).contains((maxRounds + 1) + " round trips in one pass", "at most " + maxRounds);
        assertThat(asked.get()).as("the pass and the answered round trips; the one too many is not answered").isEqualTo(maxRounds + 1);
    }

    @Test
    void aStopAbandonsTheChallengeOfAMinerThatNeverAnswersWithoutScoringIt() throws Exception {
        // takes the keys and the session's first pass and says nothing; once no longer silent, answers garbage
        AtomicBoolean silent = new AtomicBoolean(true);
        CountDownLatch asked = new CountDownLatch(1);
        MinerTarget miner = target(5, serve(request -> {
            if (!request.path().equals("/v1/session")) {
                honestUpTo(request);
                return;
            }
            request.toWebSocket().onSuccess(socket -> socket.binaryMessageHandler(m -> {
                if (silent.get()) asked.countDown();
                else socket.writeBinaryMessage(Buffer.buffer(garbage(1_000)));
            }));
        }));
        List<String> log = new CopyOnWriteArrayList<>();
        NoWeights weights = new NoWeights();
        ValidatorService validator = new ValidatorService(() -> List.of(miner), patientChallenger.get(), weights, 0.5, log::add);
        PeriodicService service = validator.service("validator", "127.0.0.1", 0, Duration.ofSeconds(1), log::add);
        service.start().get(30, TimeUnit.SECONDS);
        assertThat(asked.await(2, TimeUnit.MINUTES)).as("the challenge reached the silent miner; %s", log).isTrue();
        long stopping = System.nanoTime();
        service.stop().get(60, TimeUnit.SECONDS); // the challenge would go on for an hour if the stop waited for it
        System.out.printf("the validator stopped %d ms after the stop, a challenge of the silent miner in flight%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping));
        assertThat(service.state()).isEqualTo(Service.State.STOPPED);
        assertThat(service.health().consecutiveFailures()).as("an abandoned challenge is no failed pass").isZero();
        assertThat(log).anyMatch(line -> line.startsWith("abandoned the challenge of miner uid 5"));
        assertThat(validator.metrics().getJsonArray("miners")).as("neither scored nor penalised: no record, no average").isEmpty();
        assertThat(validator.currentWeights().isEmpty()).isTrue();
        assertThat(validator.metrics().getLong("challenges")).isZero();
        assertThat(weights.settled).as("the stopped pass settled its weights before its challenge").isEqualTo(1);

        // a later validator challenges the same miner to the end: the abandoned session left nothing behind
        silent.set(false);
        ValidatorService later = new ValidatorService(() -> List.of(miner), patientChallenger.get(), new NoWeights(), 0.5, log::add);
        try (later) {
            later.pass();
        }
        assertThat(later.metrics().getJsonArray("miners").getJsonObject(0).getString("lastReason")).contains("malformed message");
    }

    private static final class NoWeights implements ValidatorService.WeightsStep {
        int settled;

        @Override
        public void settle(Supplier<WeightSetter.Weights> current) {
            settled++;
        }

        @Override
        public void settleIfEpochMoved(Supplier<WeightSetter.Weights> current) {}

        @Override
        public JsonObject metrics() {
            return new JsonObject();
        }
    }
}
