package ai.based.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.zkllm.diagnosis.DiagnosisClient;
import ai.based.fhe.zkllm.diagnosis.DiagnosisPackage;
import ai.based.fhe.zkllm.diagnosis.DiagnosisSplit;
import ai.based.fhe.zkllm.diagnosis.EncryptedDiagnosis;
import ai.based.fhe.zkllm.diagnosis.PatientRecords;
import ai.based.miner.remote.EvaluationKeyFormat;
import ai.based.miner.remote.MinerClient;
import ai.based.miner.remote.MinerException;
import ai.based.miner.remote.PinnedCertificate;
import ai.based.miner.remote.RemoteSession;
import ai.based.protocol.wire.Message;
import ai.based.protocol.wire.WireCodec;
import ai.based.service.PeriodicService;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A miner serving the diagnosis classifier over HTTPS in this JVM, and a clinic against it with real 128-bit
 * ciphertexts: the key set is uploaded once, records are scored in one exchange, and hostile requests get a 4xx
 * while the miner goes on scoring.
 */
class DiagnosisMinerTest {
    private static DiagnosisPackage bundled;
    private static PeriodicService service;
    private static TlsIdentity tls;
    private static DiagnosisClient clinic;
    private static EvaluationKeys keys;
    private static HttpClient raw;
    private static final RecordingGate gate = new RecordingGate();

    /** Serves everyone and records what it is asked to cover and the receipts it is handed (the chain's gate is the journey's). */
    private static final class RecordingGate implements PaymentGate {
        final java.util.concurrent.ConcurrentLinkedQueue<Long> asked = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final java.util.concurrent.ConcurrentLinkedQueue<Long> paid = new java.util.concurrent.ConcurrentLinkedQueue<>();

        @Override
        public void beforePass(String payer, long unpaidUnits, long units) {
            asked.add(units);
        }

        @Override
        public void accept(String payer, Message.Payment payment) {
            paid.add(payment.units());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        bundled = DiagnosisPackage.bundled();
        Parameters params = Parameters.create(EncryptedDiagnosis.PARAMETERS);
        ServedModel model = new ServedModel.Diagnosis(new EncryptedDiagnosis(bundled.model(), params), bundled.id(), Runnable::run);
        tls = TlsIdentity.loadOrCreate(Files.createTempDirectory("diagnosis-miner-").resolve("tls.p12"), MinerFixture.PASSWORD, List.of());
        MinerService miner = new MinerService(model, new MinerLimits(2, 512L << 20, Duration.ofSeconds(10), Duration.ofSeconds(30)),
                gate, new JsonObject().put("brain", 8), line -> {});
        service = miner.service("diagnosis-miner-test", "127.0.0.1", 0, tls, Duration.ofSeconds(30), line -> {});
        service.start().get(30, TimeUnit.SECONDS);
        clinic = new DiagnosisClient(bundled.model(), params, Sampler.secure());
        keys = clinic.evaluationKeys();
        raw = HttpClient.newBuilder().sslContext(PinnedCertificate.context(tls.certificateSha256())).version(HttpClient.Version.HTTP_1_1).build();
        assertThat(client().uploadKeys(clinic.keySetId(), keys, new EvaluationKeyFormat(params))).isPositive();
    }

    @AfterAll
    static void stop() throws Exception {
        service.stop().get(30, TimeUnit.SECONDS);
    }

    private static URI endpoint() {
        return URI.create("https://127.0.0.1:" + service.httpPort());
    }

    private static MinerClient client() {
        return new MinerClient(endpoint(), tls.certificateSha256(), Duration.ofSeconds(60));
    }

    @Test
    void theInfoNamesTheTaskTheModelAndWhatARequestMayCarry() throws Exception {
        JsonObject info = client().info();
        assertThat(info.getString("task")).isEqualTo("diagnosis");
        assertThat(info.getString("model")).isEqualTo(bundled.id().toString()).startsWith("diagnosis@sha256:");
        assertThat(info.getInteger("recordsPerCiphertext")).isEqualTo(128);
        assertThat(info.getInteger("maxCiphertextsPerRequest")).isEqualTo(64);
        assertThat(info.getJsonArray("rotations").getList()).isEqualTo(EncryptedDiagnosis.rotationSteps(Parameters.create(EncryptedDiagnosis.PARAMETERS)));
    }

    @Test
    void encryptedPredictionsOverTheNetworkEqualThePlaintextOnesOnTheHeldOutRecords() throws Exception {
        PatientRecords heldOut = DiagnosisSplit.standard().heldOut();
        List<byte[]> up = clinic.encryptForWire(heldOut);
        double[] encrypted;
        try (RemoteSession session = client().openSession("")) {
            encrypted = clinic.decryptScoresFromWire(session.score(clinic.keySetId(), up), heldOut.size());
            assertThat(session.passes()).as("compute units: one per records ciphertext").isEqualTo(up.size());
        }
        double[] plain = bundled.model().scores(heldOut.features());
        double maxError = 0;
        for (int r = 0; r < plain.length; r++) {
            assertThat(encrypted[r] > 0).as("record %d: plaintext %f, encrypted %f", r, plain[r], encrypted[r]).isEqualTo(plain[r] > 0);
            maxError = Math.max(maxError, Math.abs(encrypted[r] - plain[r]));
        }
        assertThat(maxError).isLessThan(1e-3);
    }

    @Test
    void severalCiphertextsInOneRequestComeBackInOrder() throws Exception {
        PatientRecords all = DiagnosisSplit.shipped();
        List<byte[]> up = clinic.encryptForWire(all);
        assertThat(up).hasSize(5);
        try (RemoteSession session = client().openSession("")) {
            double[] encrypted = clinic.decryptScoresFromWire(session.score(clinic.keySetId(), up), all.size());
            assertThat(gate.asked).as("the gate is asked to cover one compute unit per records ciphertext").contains(5L);
            double[] plain = bundled.model().scores(all.features());
            for (int r = 0; r < plain.length; r++) assertThat(encrypted[r]).as("record %d", r).isCloseTo(plain[r], org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void aReceiptSentJustBeforeHangingUpIsKept() throws Exception {
        byte[] one = clinic.encryptForWire(DiagnosisSplit.standard().heldOut()).get(0);
        // as a clinic does after its last request: the reply, the receipt, and the close right behind it (the close
        // often reaches the miner before its pass thread picks the receipt up; repeated to meet that order)
        for (long receipt = 1001; receipt <= 1010; receipt++) {
            for (int i = 0; i < 100 && client().info().getInteger("activeSessions") > 0; i++) Thread.sleep(20);
            try (RemoteSession session = client().openSession("0x" + "ab".repeat(20))) {
                session.score(clinic.keySetId(), List.of(one));
                session.pay(new Message.Payment(receipt, new byte[32], new byte[65]));
            }
        }
        for (int i = 0; i < 200 && !gate.paid.contains(1010L); i++) Thread.sleep(50);
        assertThat(gate.paid).as("every receipt that arrived before its session's close").contains(1001L, 1002L, 1003L, 1004L, 1005L, 1006L,
                1007L, 1008L, 1009L, 1010L);
    }

    @Test
    void hostileScoreRequestsGetAFourHundredAndTheMinerGoesOnScoring() throws Exception {
        byte[] one = clinic.encryptForWire(DiagnosisSplit.standard().heldOut()).get(0);
        String keySet = clinic.keySetId();
        // 65 ciphertexts: the count is refused before any blob is read
        byte[] tooMany = WireCodec.encode(new Message.Score(keySet, "", List.of(one)));
        ByteBuffer.wrap(tooMany).putInt(6 + 4 + keySet.length() + 4, WireCodec.MAX_SCORE_BATCHES + 1);
        assertThat(failureFor(tooMany)).startsWith("400").contains("more than 64");
        assertThatThrownBy(() -> WireCodec.encode(new Message.Score(keySet, "", Collections.nCopies(65, one))))
                .isInstanceOf(IllegalArgumentException.class);
        // bytes that are no ciphertext, and a ciphertext of other parameters (cut short)
        assertThat(failureFor(WireCodec.encode(new Message.Score(keySet, "", List.of(one, "not a ciphertext".getBytes())))))
                .startsWith("400").contains("records ciphertext 1 is malformed");
        byte[] truncated = java.util.Arrays.copyOf(one, one.length / 2);
        assertThat(failureFor(WireCodec.encode(new Message.Score(keySet, "", List.of(truncated))))).startsWith("400").contains("malformed");
        // a key set this miner does not hold
        assertThat(failureFor(WireCodec.encode(new Message.Score("00112233445566778899aabbccddeeff", "", List.of(one)))))
                .startsWith("409").contains("upload them with PUT /v1/keys/00112233445566778899aabbccddeeff");
        // a language model's pass to a diagnosis miner
        assertThat(failureFor(WireCodec.encode(new Message.Pass(keySet, "", 64, new int[] {3}, one)))).startsWith("400").contains("send Score");
        // through the client: the refusal names the miner and its status, and is the clinic's fault, not the miner's
        try (RemoteSession session = client().openSession("")) {
            assertThatThrownBy(() -> session.score("ffeeddccbbaa99887766554433221100", List.of(one))).isInstanceOfSatisfying(MinerException.class,
                    e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.minerSide()).isFalse();
                    });
        }
        PatientRecords heldOut = DiagnosisSplit.standard().heldOut();
        try (RemoteSession session = client().openSession("")) {
            double[] scores = clinic.decryptScoresFromWire(session.score(keySet, List.of(one)), heldOut.size());
            assertThat(scores[0] > 0).isEqualTo(bundled.model().scores(heldOut.features())[0] > 0);
        }
    }

    /** A fresh session per hostile message; waits until the miner has let go of the previous ones. */
    private static String failureFor(byte[] message) throws Exception {
        for (int i = 0; i < 100 && client().info().getInteger("activeSessions") > 0; i++) Thread.sleep(50);
        return RawSessions.failureFor(raw, endpoint(), message);
    }
}
