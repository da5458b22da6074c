package ai.based.miner;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.miner.remote.MinerClient;
import ai.based.service.PeriodicService;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A miner of the bundled tiny model served over HTTPS in this JVM, with its own self-signed certificate. */
final class MinerFixture implements AutoCloseable {
    static final char[] PASSWORD = "miner-fixture-password".toCharArray();

    final ModelPackage tiny;
    final EncryptedGpt circuit;
    final MinerService miner;
    final PeriodicService service;
    final TlsIdentity tls;
    final Path dir;

    MinerFixture(MinerLimits limits, DiagonalCache cache) throws Exception {
        this(limits, cache, PaymentGate.FREE);
    }

    MinerFixture(MinerLimits limits, DiagonalCache cache, PaymentGate payments) throws Exception {
        tiny = ModelPackage.bundled("tiny");
        circuit = new EncryptedGpt(tiny.config(), tiny.weights(), Parameters.create(EncryptedGpt.PARAMETERS), Runnable::run, Runnable::run, cache);
        dir = Files.createTempDirectory("miner-fixture-");
        tls = TlsIdentity.loadOrCreate(dir.resolve("tls.p12"), PASSWORD, List.of());
        miner = new MinerService(circuit, ModelId.bundled("tiny"), limits, payments, new JsonObject().put("brain", 7), line -> {});
        service = miner.service("miner-test", "127.0.0.1", 0, tls, Duration.ofSeconds(30), line -> {});
        service.start().get(30, TimeUnit.SECONDS);
    }

    URI endpoint() {
        return URI.create("https://127.0.0.1:" + service.httpPort());
    }

    MinerClient client() {
        return new MinerClient(endpoint(), tls.certificateSha256(), Duration.ofSeconds(120));
    }

    @Override
    public void close() throws Exception {
        service.stop().get(30, TimeUnit.SECONDS);
    }
}
