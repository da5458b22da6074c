package ai.based.validator;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.zkllm.encrypted.CircuitFrame;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.encrypted.MicroBootstrapping;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.model.Weights;
import ai.based.fhe.zkllm.text.BpeTrainer;
import ai.based.fhe.zkllm.text.Corpus;
import ai.based.miner.BootstrappedModel;
import ai.based.miner.MinerLimits;
import ai.based.miner.MinerService;
import ai.based.miner.PaymentGate;
import ai.based.miner.ServedModel;
import ai.based.miner.TlsIdentity;
import ai.based.protocol.scoring.ScoringParameters;
import ai.based.service.PeriodicService;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The validator challenges a miner's non-interactive mode as a user's {@code query --non-interactive} takes it (a fresh
 * key set with bootstrapping's keys uploaded, passes that ask the client nothing): an honest miner scores as in the
 * interactive mode, and a miner whose non-interactive passes run another model (its interactive ones honest) is caught
 * there. On the small insecure ring of {@link MicroBootstrapping}; the CLI challenges at N = 2^16.
 */
@Tag("model")
class NonInteractiveChallengeTest {
    private static final String ACCOUNT = "0x00000000000000000000000000000000000000aa";
    private static final char[] PASSWORD = "non-interactive-challenges".toCharArray();
    private static final List<PeriodicService> services = new ArrayList<>();
    private static TlsIdentity tls;
    private static Challenger challenger;
    private static MinerTarget honest;
    private static MinerTarget cheat;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("non-interactive-challenges-");
        tls = TlsIdentity.loadOrCreate(dir.resolve("tls.p12"), PASSWORD, List.of());
        Parameters params = MicroBootstrapping.parameters("non-interactive challenges");
        CircuitFrame frame = MicroBootstrapping.frame(params);
        ModelConfig config = MicroBootstrapping.bounded(MicroBootstrapping.config());
        Weights weights = MicroBootstrapping.weights(config);
        ModelId id = new ModelId(config.name(), "cd".repeat(32));
        EncryptedGpt circuit = new EncryptedGpt(config, weights, frame, Runnable::run, Runnable::run, DiagonalCache.none());
        // another model behind the non-interactive mode only: its interactive passes stay honest
        EncryptedGpt other = new EncryptedGpt(config, doubledHead(weights), frame, Runnable::run, Runnable::run, DiagonalCache.none());
        honest = target(0, serve(new ServedModel.Language(circuit, id, Optional.of(new BootstrappedModel(circuit, MicroBootstrapping.SET, LimbParallelism.INLINE))),
                dir.resolve("honest")));
        cheat = target(1, serve(new ServedModel.Language(circuit, id, Optional.of(new BootstrappedModel(other, MicroBootstrapping.SET, LimbParallelism.INLINE))),
                dir.resolve("cheat")));

        ScoringParameters scoring = new ScoringParameters(0.05, Duration.ofSeconds(60), Duration.ofSeconds(120));
        ValidatorSettings settings = new ValidatorSettings(7, dir, 1, scoring, 0.5, Duration.ofSeconds(120));
        var tokenizer = BpeTrainer.train(Corpus.kjv().training().subList(0, 3_000), config.vocab());
        challenger = new Challenger(new PlainGpt(config, weights), id, params, circuit.rotationSteps(),
                HeldOutPrompts.kjv(tokenizer, config.context(), 1, new Random(11)), settings, new FreeRides(),
                Optional.of(new NonInteractiveChallenges(frame, MicroBootstrapping.SET, circuit.rotationSteps(), 1, scoring)));
    }

    @AfterAll
    static void stop() throws Exception {
        challenger.close();
        for (PeriodicService service : services) service.stop().get(30, TimeUnit.SECONDS);
    }

    /** The same model with its output layer doubled: logits twice the honest ones. */
    private static Weights doubledHead(Weights weights) {
        Weights other = new Weights();
        weights.all().forEach((name, tensor) -> {
            float[] values = tensor.values().clone();
            if (name.startsWith("lm_head")) for (int i = 0; i < values.length; i++) values[i] *= 2;
            other.put(name, new Weights.Tensor(tensor.shape(), values));
        });
        return other;
    }

    private static int serve(ServedModel model, Path dir) throws Exception {
        MinerService miner = new MinerService(model, new MinerLimits(1, 1L << 30, Duration.ofSeconds(20), Duration.ofSeconds(60)), PaymentGate.FREE,
                new JsonObject().put("miner", ACCOUNT), dir.resolve("spool"), line -> {});
        PeriodicService service = miner.service("non-interactive-miner", "127.0.0.1", 0, tls, Duration.ofSeconds(30), line -> {});
        service.start().get(30, TimeUnit.SECONDS);
        services.add(service);
        return service.httpPort();
    }

    private static MinerTarget target(int uid, int port) {
        return new MinerTarget(uid, ACCOUNT, URI.create("https://127.0.0.1:" + port), tls.certificateSha256());
    }

    @Test
    void anHonestMinerScoresWithoutRoundTrips() throws Exception {
        MinerChallenger.Result result = challenger.challenge(honest);
        assertThat(result.answered()).isEqualTo("1 tokens without round trips");
        assertThat(result.score().value()).as(result.score().reason()).isGreaterThan(0.9);
    }

    @Test
    void aMinerRunningAnotherModelWithoutRoundTripsIsCaught() throws Exception {
        MinerChallenger.Result result = challenger.challenge(cheat);
        assertThat(result.answered()).isEqualTo("1 tokens without round trips");
        assertThat(result.score().value()).as(result.score().reason()).isLessThan(0.5);
    }
}
