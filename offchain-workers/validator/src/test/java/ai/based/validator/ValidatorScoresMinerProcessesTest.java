package ai.based.validator;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.client.basedai.NodeRole;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.client.basedai.ValidatorWeightsClient.RevealedWeights;
import ai.based.client.market.ComputeMarketClient;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.protocol.scoring.ScoringParameters;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * The validator against three real miner processes of Brain #7, found on chain and paid as a user pays: an honest one,
 * a lazy one (a cheaper model under the Brain's name) and a slow one (its replies held back). After two challenge rounds
 * over three epochs, the weights the validator revealed on chain (read back from WeightsRevealed events) put the honest
 * miner strictly first and the lazy one last (a miner without an entry has weight zero).
 */
@Tag("model")
class ValidatorScoresMinerProcessesTest {
    private static final List<String> CHARACTERS = List.of("honest", "lazy", "slow");
    private static final Pattern REVEALED = Pattern.compile("^revealed the weights of epoch (\\d+)");
    private static BrainOnDevnet brain;
    private static final List<Process> miners = new ArrayList<>();
    private static Path work;

    @BeforeAll
    static void start() throws Exception {
        brain = new BrainOnDevnet();
        work = Files.createTempDirectory("validator-journey-");
        brain.chain.session.registry(brain.chain.session.signer(BrainOnDevnet.OWNER)).configure(BigInteger.valueOf(BrainOnDevnet.BRAIN), "Journey",
                ModelId.bundled("tiny").toString(), "https://example.org/m", BrainOnDevnet.OWNER.getAddress(), BigInteger.valueOf(5_000),
                BigInteger.ZERO).send();
        for (String character : CHARACTERS) {
            Credentials key = brain.memorized(NodeRole.MINER, 0); // uids 0, 1, 2 in this order
            Path keyFile = Files.writeString(work.resolve(character + ".key"), Numeric.toHexStringNoPrefix(key.getEcKeyPair().getPrivateKey()));
            miners.add(spawn(character, keyFile));
        }
        for (int i = 0; i < miners.size(); i++) awaitServing(miners.get(i), work.resolve(CHARACTERS.get(i) + ".log"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process miner : miners) {
            miner.destroy();
            if (!miner.waitFor(60, TimeUnit.SECONDS)) miner.destroyForcibly();
        }
        brain.close();
    }

    private static Process spawn(String character, Path keyFile) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Xmx3200m",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), ChallengedMinerMain.class.getName(),
                character, brain.chain.dir.toString(), keyFile.toString()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve(character + ".log").toFile()).start();
    }

    private static void awaitServing(Process miner, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains("serving ")) return;
            if (!miner.isAlive()) throw new AssertionError("a miner process ended:\n" + Files.readString(log));
            Thread.sleep(200);
        }
        throw new AssertionError("a miner did not serve within 5 minutes:\n" + Files.readString(log));
    }

    @Test
    void theHonestMinerEarnsTheHighestRevealedWeightAndTheLazyOneTheLowest() throws Exception {
        Credentials key = brain.memorized(NodeRole.VALIDATOR, 1_000);
        ModelPackage tiny = ModelPackage.bundled("tiny");
        Parameters params = Parameters.create(EncryptedGpt.PARAMETERS);
        EncryptedGpt circuit = new EncryptedGpt(tiny.config(), tiny.weights(), params, Runnable::run, Runnable::run, DiagonalCache.none());
        // one token per challenge, a latency target an honest pass meets on a loaded machine; the slow miner's four late
        // replies per pass put it between the target and the timeout
        ValidatorSettings settings = new ValidatorSettings(BrainOnDevnet.BRAIN, work.resolve("validator"), 1,
                new ScoringParameters(0.05, Duration.ofSeconds(20), Duration.ofSeconds(150)), 0.5, Duration.ofMinutes(4));
        ChainPayer payer = new ChainPayer(new ComputeMarketClient(brain.chain.session), key, BrainOnDevnet.BRAIN,
                settings.stateDir().resolve("payments"), line -> {});
        List<String> log = new ArrayList<>();
        ValidatorWeightsClient weights = new ValidatorWeightsClient(brain.chain.session);
        WeightSetter setter = new WeightSetter(weights, key, BrainOnDevnet.BRAIN, new CommitBook(settings.stateDir().resolve("commits.json")),
                log::add);
        try (ValidatorService validator = new ValidatorService(new MinerRoster(brain.chain.session, BrainOnDevnet.BRAIN),
                new Challenger(new PlainGpt(tiny.config(), tiny.weights()), ModelId.bundled("tiny"), params, circuit.rotationSteps(),
                        HeldOutPrompts.kjv(tiny.tokenizer(), tiny.config().context(), 1, new SecureRandom()), settings, payer),
                setter, settings.emaAlpha(), log::add)) {
            for (int round = 0; round < 2; round++) {
                for (int miner = 0; miner < CHARACTERS.size(); miner++) validator.pass();
                brain.chain.closeEpoch(brain.epoch());
            }
            setter.settle(validator::currentWeights); // reveals the commit of round two's epoch, commits both rounds' weights
            brain.chain.closeEpoch(brain.epoch());
            setter.settle(validator::currentWeights); // and reveals that one

            log.forEach(line -> System.out.println("validator: " + line)); // the scores and their reasons, for the record
            JsonObject metrics = validator.metrics();
            String context = String.join("\n", log) + "\n" + metrics.encodePrettily();
            assertThat(metrics.getJsonArray("miners")).as(context).hasSize(3);
            List<Long> revealedEpochs = log.stream().map(REVEALED::matcher).filter(Matcher::find).map(m -> Long.parseLong(m.group(1))).toList();
            assertThat(revealedEpochs).as("two epochs' weights revealed; %s", context).hasSize(2);
            for (long epoch : revealedEpochs) {
                Map<Integer, Integer> revealed = revealedBy(weights, epoch, key.getAddress(), context);
                int honest = revealed.getOrDefault(0, 0);
                int lazy = revealed.getOrDefault(1, 0);
                int slow = revealed.getOrDefault(2, 0);
                assertThat(honest).as("epoch %d: the honest miner strictly first; %s", epoch, context).isGreaterThan(slow).isGreaterThan(lazy);
                assertThat(lazy).as("epoch %d: the lazy miner last; %s", epoch, context).isLessThan(slow);
            }
        }
    }

    private static Map<Integer, Integer> revealedBy(ValidatorWeightsClient weights, long epoch, String validator, String context) {
        List<RevealedWeights> all = weights.revealed(BrainOnDevnet.BRAIN, epoch);
        RevealedWeights mine = all.stream().filter(w -> w.validator().equalsIgnoreCase(validator)).findFirst()
                .orElseThrow(() -> new AssertionError("no weights revealed for epoch " + epoch + "\n" + context));
        Map<Integer, Integer> out = new java.util.HashMap<>();
        for (int i = 0; i < mine.uids().length; i++) out.put(mine.uids()[i], mine.weights()[i]);
        return out;
    }
}
