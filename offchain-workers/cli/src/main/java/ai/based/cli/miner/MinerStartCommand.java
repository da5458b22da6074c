package ai.based.cli.miner;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.SignerOptions;
import ai.based.cli.basedai.MemorizeCommand;
import ai.based.cli.model.PackageLocator;
import ai.based.client.BasedSession;
import ai.based.client.InvalidInputException;
import ai.based.client.basedai.NodeRole;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.miner.MinerLimits;
import ai.based.miner.MinerService;
import ai.based.miner.PaymentGate;
import ai.based.miner.TlsIdentity;
import ai.based.service.PeriodicService;
import ai.based.service.ServiceMain;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "start", description = "Serve Brain N's model on encrypted prompts over HTTPS until interrupted: memorizes the "
        + "wallet as a miner of the Brain if needed, checks that the model package is the one the Brain names by content "
        + "hash, and announces the endpoint and the certificate's SHA-256 on chain so that clients pin it.")
public final class MinerStartCommand extends BasedAiCommand {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--brain", required = true, paramLabel = "N", converter = ai.based.cli.Converters.BrainNumber.class)
    long brainId;

    @Mixin
    SignerOptions signer;

    @Option(names = "--port", defaultValue = "0", description = "HTTPS port (default: a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on and to announce (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--model", paramLabel = "NAME|DIR", description = "the model package (default: the Brain's model, by name)")
    String model;

    @Option(names = "--max-sessions", defaultValue = "2", paramLabel = "K", description = "sessions evaluating at once; more get 503 "
            + "with Retry-After (default: ${DEFAULT-VALUE})")
    int maxSessions;

    @Option(names = "--key-store-mb", paramLabel = "MB", description = "memory for clients' evaluation keys, least recently used "
            + "evicted (default: 40% of the heap; one key set of the tiny model takes about 1,500 MB)")
    Long keyStoreMb;

    @Option(names = "--threads", description = "threads per pass (default: all cores)")
    Integer threads;

    @Override
    protected void run(BasedSession session) throws Exception {
        Credentials key = signer.unlock(home());
        MinerLimits limits = MinerLimits.defaults(maxSessions);
        if (keyStoreMb != null) limits = new MinerLimits(maxSessions, keyStoreMb << 20, limits.replyTimeout(), limits.idleTimeout());
        var registry = session.registry(session.reader());
        BigInteger id = BigInteger.valueOf(brainId);
        if (!registry.isActive(id).send()) {
            throw new InvalidInputException("Brain #" + brainId + " is not active on the BasedAI chain: acquire it and mirror it first");
        }
        ModelId wanted;
        try {
            wanted = ModelId.parse(registry.config(id).send().modelId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Brain #" + brainId + ": " + e.getMessage(), e);
        }
        PackageLocator.Located located = PackageLocator.locate(home(), model != null ? model : wanted.name());
        if (!located.id().equals(wanted)) {
            throw new InvalidInputException("Brain #" + brainId + " names the model " + wanted + ", but the package " + located.where()
                    + " is " + located.id() + ": a miner serves only the Brain's package");
        }
        if (!located.model().config().heFriendly()) throw new InvalidInputException(wanted.name() + " cannot run encrypted");
        if (!registry.uidOf(id, NodeRole.MINER.onChain(), key.getAddress()).send().component1()) {
            MemorizeCommand.memorize(session, key, brainId, NodeRole.MINER, new byte[32], progress());
        }
        Path dir = home().root().resolve("miners").resolve(network.name()).resolve(brainId + "-" + key.getAddress().toLowerCase());
        TlsIdentity tls = TlsIdentity.loadOrCreate(dir.resolve("tls.p12"), tlsPassword(key), List.of(host));
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers), runnable -> {
            Thread thread = new Thread(runnable, "miner-encode");
            thread.setDaemon(true);
            return thread;
        });
        try {
            progress().accept("loading " + wanted + " and its encrypted circuit");
            EncryptedGpt circuit = new EncryptedGpt(located.model().config(), located.model().weights(), Parameters.create(EncryptedGpt.PARAMETERS),
                    pool, pool, DiagonalCache.upTo(MinerLimits.diagonalCacheBytes()));
            JsonObject announcement = new JsonObject().put("brain", brainId).put("miner", key.getAddress());
            try (MinerService miner = new MinerService(circuit, wanted, limits, PaymentGate.FREE, announcement, progress())) {
                PeriodicService service = miner.service("miner-" + brainId, host, port, tls, Duration.ofSeconds(30), progress());
                service.start().get();
                String endpoint = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + service.httpPort();
                out().printf("miner %s serving Brain #%d (%s) at %s, certificate sha256 %s; at most %d sessions, key store %,d MB; "
                        + "Ctrl-C or SIGTERM stops it%n", key.getAddress(), brainId, wanted, endpoint,
                        HexFormat.of().formatHex(tls.certificateSha256()), maxSessions, limits.keyStoreBytes() >> 20);
                out().flush();
                ServiceMain.runUntilStopped(service, STOP_TIMEOUT);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The TLS store's password, derived from the wallet's key: secret, stable across restarts, never typed. */
    static char[] tlsPassword(Credentials key) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getEcKeyPair().getPrivateKey().toByteArray(), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal("based miner tls store".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).toCharArray();
    }
}
