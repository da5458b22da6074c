package ai.based.validator;

import ai.based.client.BasedSession;
import ai.based.client.basedai.MinerDirectory;
import ai.based.client.manifest.ManifestStore;
import ai.based.client.market.ComputeMarketClient;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.miner.MarketGate;
import ai.based.miner.MinerLimits;
import ai.based.miner.MinerService;
import ai.based.miner.TlsIdentity;
import ai.based.service.PeriodicService;
import ai.based.service.ServiceMain;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.web3j.crypto.Credentials;

/**
 * A test fixture run as its own JVM: the real miner service of Brain #7's tiny model, paid through the real market gate
 * and announced on chain, in one of three characters. "honest" serves the Brain's model. "lazy" serves a cheaper model
 * under the Brain's name: the same weights cut to the first of two layers (half the work, other logits). "slow" is the
 * honest miner behind a {@link DelayLine} that holds its replies for a few seconds each.
 *
 * <p>Arguments: character, the deployment directory (its manifest "test"), the file holding the miner's private key.
 */
public final class ChallengedMinerMain {
    static final Duration SLOW_REPLY = Duration.ofSeconds(6);

    private ChallengedMinerMain() {}

    public static void main(String[] args) throws Exception {
        String character = args[0];
        Credentials key = Credentials.create(Files.readString(Path.of(args[2])).trim());
        ModelPackage tiny = ModelPackage.bundled("tiny");
        ModelConfig config = tiny.config();
        if (character.equals("lazy")) {
            config = new ModelConfig(config.name(), 1, config.dModel(), config.heads(), config.context(), config.vocab(), config.power(),
                    config.heFriendly(), config.steps(), config.batch(), config.learningRate(), config.seed());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        EncryptedGpt circuit = new EncryptedGpt(config, tiny.weights(), Parameters.create(EncryptedGpt.PARAMETERS), pool, pool,
                DiagonalCache.upTo(256L << 20));
        try (BasedSession session = BasedSession.open(new ManifestStore(Path.of(args[1])).require("test"))) {
            Path dir = Files.createTempDirectory("challenged-miner-");
            char[] password = "challenged-miner".toCharArray();
            TlsIdentity tls = TlsIdentity.loadOrCreate(dir.resolve("tls.p12"), password, List.of());
            MarketGate market = new MarketGate(new ComputeMarketClient(session), key, BrainOnDevnet.BRAIN, dir.resolve("receipts.json"),
                    System.out::println);
            JsonObject announcement = new JsonObject().put("brain", BrainOnDevnet.BRAIN).put("miner", key.getAddress())
                    .put("price", market.price().toString());
            // room for one key set of the tiny model (46 keys of 36 MiB once loaded): each challenge evicts the last one
            MinerLimits limits = new MinerLimits(1, 1_800L << 20, Duration.ofSeconds(60), Duration.ofSeconds(120));
            try (MinerService miner = new MinerService(circuit, ModelId.bundled("tiny"), limits, market, announcement, System.out::println)) {
                PeriodicService service = miner.service("miner-" + character, "127.0.0.1", 0, tls, Duration.ofSeconds(30), System.out::println);
                service.start().get();
                int port = service.httpPort();
                DelayLine delay = character.equals("slow") ? new DelayLine(port, SLOW_REPLY) : null;
                String endpoint = "https://127.0.0.1:" + (delay != null ? delay.port() : port);
                new MinerDirectory(session, key).serve(BrainOnDevnet.BRAIN, endpoint, tls.certificateSha256());
                System.out.println("serving " + character + " at " + endpoint);
                System.out.flush();
                ServiceMain.runUntilStopped(service, Duration.ofSeconds(30));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
