package ai.based.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.circuits.BootstrappingKeys;
import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.ring.TestRandomness;
import ai.based.fhe.zkllm.encrypted.CircuitFrame;
import ai.based.fhe.zkllm.encrypted.ClientRounds;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.encrypted.MicroBootstrapping;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.model.Weights;
import ai.based.miner.remote.BootstrappingKeyFile;
import ai.based.miner.remote.BootstrappingKeyFormat;
import ai.based.miner.remote.EvaluationKeyFormat;
import ai.based.miner.remote.MinerClient;
import ai.based.miner.remote.MinerException;
import ai.based.miner.remote.PinnedCertificate;
import ai.based.miner.remote.RemoteSession;
import ai.based.service.PeriodicService;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A miner serving a bounded model without round trips, across HTTPS: the client uploads its model and bootstrapping
 * keys once (spooled to disk on the miner), sends the encrypted prompt and gets encrypted logits back, and is asked
 * nothing in between. On the small insecure ring of {@link MicroBootstrapping} (a bootstrap takes about a second);
 * the CLI serves the same at N = 2^16. Hostile uploads are refused with a reason and leave the miner serving.
 */
@Tag("model")
class BootstrappedMinerTest {
    private static final char[] PASSWORD = "bootstrapped-miner".toCharArray();
    private static Path dir;
    private static Path spool;
    private static TlsIdentity tls;
    private static PeriodicService service;
    private static Parameters params;
    private static ModelConfig config;
    private static PlainGpt plain;
    private static ZkllmClient user;
    private static EvaluationKeys modelKeys;
    private static BootstrappingKeys bootstrappingKeys;
    private static HttpClient raw;

    @BeforeAll
    static void start() throws Exception {
        params = MicroBootstrapping.parameters("bootstrapped miner");
        CircuitFrame frame = MicroBootstrapping.frame(params);
        config = MicroBootstrapping.bounded(MicroBootstrapping.config());
        Weights weights = MicroBootstrapping.weights(config);
        plain = new PlainGpt(config, weights);
        EncryptedGpt circuit = new EncryptedGpt(config, weights, frame, Runnable::run, Runnable::run, DiagonalCache.none());
        ServedModel.Language model = new ServedModel.Language(circuit, new ModelId("micro-2-bounded", "ab".repeat(32)),
                Optional.of(new BootstrappedModel(circuit, MicroBootstrapping.SET, LimbParallelism.INLINE)));
        dir = Files.createTempDirectory("bootstrapped-miner-");
        spool = Files.createDirectories(dir.resolve("spool"));
        Path stale = Files.writeString(spool.resolve("based-keys-123.upload"), "left by a miner stopped mid-upload");
        MinerService miner = new MinerService(model, new MinerLimits(1, 1L << 30, Duration.ofSeconds(20), Duration.ofSeconds(60)), PaymentGate.FREE,
                new JsonObject(), spool, line -> {});
        assertThat(stale).as("a stopped run's spooled upload is cleared at start").doesNotExist();
        tls = TlsIdentity.loadOrCreate(dir.resolve("tls.p12"), PASSWORD, List.of());
        service = miner.service("bootstrapped-miner-test", "127.0.0.1", 0, tls, Duration.ofSeconds(30), line -> {});
        service.start().get(30, TimeUnit.SECONDS);
        raw = HttpClient.newBuilder().sslContext(PinnedCertificate.context(tls.certificateSha256())).version(HttpClient.Version.HTTP_1_1).build();

        user = new ZkllmClient(frame, plain, TestRandomness.named("bootstrapped-miner"));
        JsonObject nonInteractive = client().info().getJsonObject("nonInteractive");
        assertThat(nonInteractive.getString("parameters")).as("the miner names the parameters its key sets are made for").isEqualTo(params.toString());
        List<Integer> rotations = nonInteractive.getJsonArray("rotations").stream().map(o -> ((Number) o).intValue()).toList();
        modelKeys = user.evaluationKeys(rotations);
        bootstrappingKeys = user.bootstrappingKeys(MicroBootstrapping.SET);
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop().get(30, TimeUnit.SECONDS);
    }

    private static MinerClient client() {
        return new MinerClient(URI.create("https://127.0.0.1:" + service.httpPort()), tls.certificateSha256(), Duration.ofSeconds(120));
    }

    private static HttpResponse<String> put(String path, byte[] body) throws Exception {
        return raw.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + service.httpPort() + path)).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPassOverTheNetworkAsksTheClientNothingAndAgreesWithThePlaintextModel() throws Exception {
        MinerClient miner = client();
        BootstrappingKeyFormat format = new BootstrappingKeyFormat(params);
        long spooledBefore = spooledFiles();
        long sent = miner.uploadBootstrappingKeys(user.keySetId(), modelKeys, bootstrappingKeys, format);
        assertThat(sent).as("a fresh key set is sent whole").isEqualTo(format.size(modelKeys, bootstrappingKeys));
        assertThat(miner.uploadBootstrappingKeys(user.keySetId(), modelKeys, bootstrappingKeys, format)).as("one upload serves every later query")
                .isZero();
        assertThat(spooledFiles()).as("the spooled upload is gone once read").isEqualTo(spooledBefore);

        assertPassAgrees(miner, user);
    }

    /**
     * The CLI's client makes a non-interactive key set into a file key by key (it never holds the set whole): the miner
     * reads the file's upload as it reads one streamed from memory, holds what the file said it would, and the pass
     * agrees with the plaintext model. The file is its owner's alone and gone on close; stale files of killed runs go
     * too, a live one stays; a directory that cannot be made is refused with where and why, leaving nothing.
     */
    @Test
    void aKeySetWrittenKeyByKeyToAFileServesAPassAndIsDeletedOnClose() throws Exception {
        ZkllmClient streamed = new ZkllmClient(MicroBootstrapping.frame(params), plain, TestRandomness.named("bootstrapped-miner-streamed"));
        List<Integer> rotations = client().info().getJsonObject("nonInteractive").getJsonArray("rotations").stream()
                .map(o -> ((Number) o).intValue()).toList();
        Path keyDir = Files.createDirectories(dir.resolve("client-keys"));
        Path stale = Files.writeString(keyDir.resolve("based-keys-killed.bbot"), "a run killed before it could delete its keys");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofDays(2))));
        Path live = Files.writeString(keyDir.resolve("based-keys-live.bbot"), "a query running beside this one");
        BootstrappingKeyFormat format = new BootstrappingKeyFormat(params);
        MinerClient miner = client();
        Path written;
        try (BootstrappingKeyFile file = BootstrappingKeyFile.write(keyDir, streamed.evaluationKeyPlan(rotations),
                streamed.bootstrappingKeyPlan(MicroBootstrapping.SET), format)) {
            written = file.path();
            assertThat(stale).as("a day-old file of a killed run is deleted").doesNotExist();
            assertThat(live).as("another run's live file is left alone").exists();
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(written))).isEqualTo("rw-------");
            assertThat(file.modelKeys()).isEqualTo(new java.util.HashSet<>(rotations).size() + 1);
            assertThat(miner.uploadBootstrappingKeys(streamed.keySetId(), file)).isEqualTo(Files.size(written));
            try (var in = Files.newInputStream(written)) {
                assertThat(format.read(in).bytes()).as("a miner reading the file holds what the file said").isEqualTo(file.minerMemoryBytes());
            }
            assertPassAgrees(miner, streamed);
        }
        assertThat(written).as("deleted on close").doesNotExist();

        Path notADirectory = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertThatThrownBy(() -> BootstrappingKeyFile.write(notADirectory, streamed.evaluationKeyPlan(rotations),
                streamed.bootstrappingKeyPlan(MicroBootstrapping.SET), format)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("could not write the key set to " + notADirectory);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.filter(f -> f.getFileName().toString().startsWith("based-keys-"))).as("nothing left behind").isEmpty();
        }
    }

    private static void assertPassAgrees(MinerClient miner, ZkllmClient client) throws Exception {
        List<int[]> prompts = List.of(new Random(8).ints(8, 0, config.vocab()).toArray());
        try (RemoteSession session = miner.openSession("0xpayer")) {
            client.resetTraffic();
            byte[] state = client.encryptPromptsForWire(prompts);
            double[][] logits = client.decryptLogitsFromWire(session.logits(client.keySetId(), state, client.segments(), ClientRounds.NONE))[0];
            assertThat(client.traffic().rounds()).isZero();
            double[][] expected = plain.logits(prompts.get(0));
            double worst = 0;
            for (int p = 0; p < expected.length; p++) {
                for (int v = 0; v < expected[p].length; v++) worst = Math.max(worst, Math.abs(expected[p][v] - logits[p][v]));
            }
            assertThat(worst).as("max logit error").isLessThan(0.05);
            assertThat(session.passes()).isEqualTo(1);
        }
    }

    /**
     * A miner that turns a non-interactive query into an interactive one (it holds the client's keys as an interactive
     * key set, so its pass asks for round trips) is refused at the first question: the answers could probe the prompt.
     */
    @Test
    void aNonInteractiveClientAnswersNoRoundTrip() throws Exception {
        ZkllmClient other = new ZkllmClient(MicroBootstrapping.frame(params), plain, TestRandomness.named("bootstrapped-miner-interactive"));
        MinerClient miner = client();
        miner.uploadKeys(other.keySetId(), other.evaluationKeys(client().info().getJsonArray("rotations").stream()
                .map(o -> ((Number) o).intValue()).toList()), new EvaluationKeyFormat(params));
        try (RemoteSession session = miner.openSession("0xpayer")) {
            byte[] state = other.encryptPromptsForWire(List.of(new int[] {1, 2, 3, 4}));
            assertThatThrownBy(() -> session.logits(other.keySetId(), state, other.segments(), ClientRounds.NONE)).isInstanceOf(MinerException.class)
                    .hasMessageContaining("asked for a client round trip (AttentionRound) in a non-interactive pass");
        }
        assertThat(client().info().getJsonObject("nonInteractive")).as("still serving").isNotNull();
    }

    @Test
    void hostileBootstrappingUploadsAreRefusedWithAReasonAndLeaveNothingBehind() throws Exception {
        String id = "00112233445566778899aabbccddeeff";
        long spooledBefore = spooledFiles();
        HttpResponse<String> garbage = put("/v1/keys/" + id + "/bootstrapping", "not keys at all".getBytes());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("malformed bootstrapping key set").contains("no BBOT header");

        ByteArrayOutputStream interactive = new ByteArrayOutputStream();
        new EvaluationKeyFormat(params).write(modelKeys, interactive);
        HttpResponse<String> wrongKind = put("/v1/keys/" + id + "/bootstrapping", interactive.toByteArray());
        assertThat(wrongKind.statusCode()).as("an interactive key set sent as a non-interactive one").isEqualTo(400);

        byte[] whole = upload(modelKeys, bootstrappingKeys);
        HttpResponse<String> cut = put("/v1/keys/" + id + "/bootstrapping", java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThat(cut.statusCode()).isEqualTo(400);
        assertThat(cut.body()).contains("ends in the middle of a key");

        Map<Long, ai.based.fhe.rlwe.SwitchingKey> fewer = new HashMap<>(bootstrappingKeys.evaluation().galois());
        long dropped = fewer.keySet().iterator().next();
        fewer.remove(dropped);
        BootstrappingKeys lacking = new BootstrappingKeys(new EvaluationKeys(bootstrappingKeys.evaluation().relinearization(), fewer),
                bootstrappingKeys.toSparse(), bootstrappingKeys.fromSparse());
        HttpResponse<String> incomplete = put("/v1/keys/" + id + "/bootstrapping", upload(modelKeys, lacking));
        assertThat(incomplete.statusCode()).isEqualTo(422);
        assertThat(incomplete.body()).contains("lacks the Galois key of element " + dropped);

        assertThat(put("/v1/keys/NOT-HEX/bootstrapping", new byte[8]).statusCode()).isEqualTo(400);
        assertThat(put("/v1/keys/bootstrapping", new byte[8]).statusCode()).as("no id at all").isEqualTo(400);

        EvaluationKeys tooLow = new EvaluationKeys(Optional.of(bootstrappingKeys.toSparse()), modelKeys.galois()); // a level-0 key
        HttpResponse<String> low = put("/v1/keys/" + id + "/bootstrapping", upload(tooLow, bootstrappingKeys));
        assertThat(low.statusCode()).isEqualTo(422);
        assertThat(low.body()).contains("the model's keys must reach level 10");

        // a client that breaks off mid-upload: the slot is free again and the spooled part gone
        java.io.InputStream breaking = new java.io.InputStream() {
            private int sent;

            @Override
            public int read() throws java.io.IOException {
                if (sent++ > 1 << 20) throw new java.io.IOException("the client gave up");
                return 7;
            }
        };
        try {
            raw.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + service.httpPort() + "/v1/keys/" + id + "/bootstrapping"))
                    .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> breaking), 64L << 20)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException expected) {
            // the upload broke off on the client's side, as it should
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (spooledFiles() > spooledBefore && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(put("/v1/keys/" + id + "/bootstrapping", "again".getBytes()).statusCode()).as("the upload slot is free").isEqualTo(400);

        assertThat(client().hasKeys(id)).as("no refused upload was kept").isFalse();
        assertThat(spooledFiles()).as("no refused upload left its spooled file").isEqualTo(spooledBefore);
        assertThat(client().info().getJsonObject("nonInteractive")).as("still serving").isNotNull();
    }

    private static byte[] upload(EvaluationKeys model, BootstrappingKeys bootstrapping) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BootstrappingKeyFormat(params).write(model, bootstrapping, out);
        return out.toByteArray();
    }

    private static long spooledFiles() throws Exception {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.getFileName().toString().startsWith("based-keys-")).count();
        }
    }
}
