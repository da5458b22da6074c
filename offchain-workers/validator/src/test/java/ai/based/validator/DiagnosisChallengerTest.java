package ai.based.validator;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.zkllm.diagnosis.DiagnosisModel;
import ai.based.fhe.zkllm.diagnosis.DiagnosisPackage;
import ai.based.fhe.zkllm.diagnosis.EncryptedDiagnosis;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.miner.MinerLimits;
import ai.based.miner.MinerService;
import ai.based.miner.PaymentGate;
import ai.based.miner.ServedModel;
import ai.based.miner.TlsIdentity;
import ai.based.protocol.scoring.ScoringParameters;
import ai.based.protocol.wire.Message;
import ai.based.service.PeriodicService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A diagnosis Brain's validator against real miner services (HTTPS, WebSocket sessions, 128-bit CKKS at N = 8192) in
 * this JVM, each serving the bundled classifier's id: an honest one runs the bundled classifier; a lying one runs
 * another model under that id (the output layer negated: every class flipped); a lazy one a cheaper variant (the
 * output bias moved, so the scores are off and borderline records change class); one names another model outright.
 * The honest miner scores high, the others low, each with a reason, and each request is paid one unit per ciphertext.
 */
@Tag("model")
class DiagnosisChallengerTest {
    private static final char[] PASSWORD = "diagnosis-challenger".toCharArray();
    private static final String ACCOUNT = "0x00000000000000000000000000000000000000cc";
    private static final List<PeriodicService> services = new ArrayList<>();
    private static final List<MinerTarget> miners = new ArrayList<>();
    private static final CountingPayer payer = new CountingPayer();
    private static DiagnosisChallenger challenger;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("diagnosis-challenger-");
        TlsIdentity tls = TlsIdentity.loadOrCreate(dir.resolve("tls.p12"), PASSWORD, List.of());
        DiagnosisPackage bundled = DiagnosisPackage.bundled();
        DiagnosisModel honest = bundled.model();
        DiagnosisModel flipped = new DiagnosisModel(honest.mean(), honest.std(), honest.w1(), honest.b1(),
                Arrays.stream(honest.w2()).map(w -> -w).toArray(), -honest.b2());
        DiagnosisModel shifted = new DiagnosisModel(honest.mean(), honest.std(), honest.w1(), honest.b1(), honest.w2(), honest.b2() + 1.5);
        Parameters params = Parameters.create(EncryptedDiagnosis.PARAMETERS);
        miners.add(serve(0, honest, bundled.id(), tls, params));
        miners.add(serve(1, flipped, bundled.id(), tls, params));
        miners.add(serve(2, shifted, bundled.id(), tls, params));
        miners.add(serve(3, honest, ModelId.parse("other@sha256:" + "ab".repeat(32)), tls, params));
        // latency generous: this test is about what the miners answer, not how fast on a shared machine
        ValidatorSettings settings = new ValidatorSettings(8, dir, 1, new ScoringParameters(0.05, Duration.ofSeconds(60), Duration.ofSeconds(120)),
                0.5, Duration.ofSeconds(60));
        challenger = new DiagnosisChallenger(honest, bundled.id(), params, HeldOutRecords.standard(new Random(5)), settings, payer);
    }

    @AfterAll
    static void stop() throws Exception {
        if (challenger != null) challenger.close();
        for (PeriodicService service : services) service.stop().get(30, TimeUnit.SECONDS);
    }

    private static MinerTarget serve(int uid, DiagnosisModel model, ModelId id, TlsIdentity tls, Parameters params) throws Exception {
        ServedModel served = new ServedModel.Diagnosis(new EncryptedDiagnosis(model, params), id, Runnable::run);
        MinerService miner = new MinerService(served, new MinerLimits(1, 512L << 20, Duration.ofSeconds(10), Duration.ofSeconds(30)), PaymentGate.FREE,
                new JsonObject().put("brain", 8).put("miner", ACCOUNT), line -> {});
        PeriodicService service = miner.service("diagnosis-miner-" + uid, "127.0.0.1", 0, tls, Duration.ofSeconds(30), line -> {});
        service.start().get(30, TimeUnit.SECONDS);
        services.add(service);
        return new MinerTarget(uid, ACCOUNT, URI.create("https://127.0.0.1:" + service.httpPort()), tls.certificateSha256());
    }

    @Test
    void anHonestMinerScoresHighAndLyingOnesLowThroughTheClinicsPath() throws Exception {
        List<String> log = new ArrayList<>();
        ValidatorService validator = new ValidatorService(() -> miners, challenger, new NoWeights(), 0.5, log::add);
        for (int pass = 0; pass < miners.size(); pass++) validator.pass();

        JsonArray scored = validator.metrics().getJsonArray("miners");
        assertThat(scored).hasSize(miners.size());
        JsonObject honest = scored.getJsonObject(0);
        assertThat(honest.getDouble("lastScore")).as(honest.getString("lastReason")).isGreaterThan(0.95);
        assertThat(honest.getString("lastReason")).startsWith("exact").contains("accuracy");
        JsonObject flipped = scored.getJsonObject(1);
        assertThat(flipped.getDouble("lastScore")).as(flipped.getString("lastReason")).isLessThan(0.1);
        assertThat(flipped.getString("lastReason")).contains("classes disagree with the plaintext model");
        JsonObject shifted = scored.getJsonObject(2);
        assertThat(shifted.getDouble("lastScore")).as(shifted.getString("lastReason")).isLessThan(0.2);
        JsonObject other = scored.getJsonObject(3);
        assertThat(other.getDouble("lastScore")).isZero();
        assertThat(other.getString("lastReason")).contains("it serves other@sha256:");
        assertThat(log).hasSize(miners.size()).allMatch(line -> line.startsWith("challenged miner uid") && line.contains(" records"));
        // three requests reached a score (the fourth was refused at /v1/info), each paid as a clinic pays: one unit per ciphertext
        assertThat(payer.receipts).hasSize(3).allMatch(units -> units == 1);
    }

    @Test
    void eachChallengeSendsAFreshSampleOfVaryingSize() {
        HeldOutRecords records = new HeldOutRecords(heldOut(), new Random(11));
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 20; i++) sizes.add(records.next().size());
        assertThat(sizes).allMatch(n -> n >= HeldOutRecords.MIN_RECORDS && n <= heldOut().size());
        assertThat(sizes.stream().distinct().count()).as("sizes %s", sizes).isGreaterThan(5);
    }

    private static ai.based.fhe.zkllm.diagnosis.PatientRecords heldOut() {
        try {
            return ai.based.fhe.zkllm.diagnosis.DiagnosisSplit.standard().heldOut();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Receipts nobody redeems (the chain's payer is the journey's): records the units of each receipt. */
    private static final class CountingPayer implements ChallengePayer {
        final ConcurrentLinkedQueue<Integer> receipts = new ConcurrentLinkedQueue<>();
        private long units;

        @Override
        public String account() {
            return "0x00000000000000000000000000000000000000dd";
        }

        @Override
        public void ensureCovers(int units) {}

        @Override
        public Message.Payment oneMoreUnit(String miner) {
            return moreUnits(miner, 1);
        }

        @Override
        public synchronized Message.Payment moreUnits(String miner, int more) {
            units += more;
            receipts.add(more);
            return new Message.Payment(units, new byte[32], new byte[65]);
        }
    }

    private static final class NoWeights implements ValidatorService.WeightsStep {
        @Override
        public void settle(Supplier<WeightSetter.Weights> current) {}

        @Override
        public void settleIfEpochMoved(Supplier<WeightSetter.Weights> current) {}

        @Override
        public JsonObject metrics() {
            return new JsonObject();
        }
    }
}
