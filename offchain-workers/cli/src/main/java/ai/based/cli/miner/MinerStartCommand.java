package ai.based.cli.miner;

import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SignerOptions;
import ai.based.cli.basedai.MemorizeCommand;
import ai.based.cli.model.PackageLocator;
import ai.based.client.BasedSession;
import ai.based.client.InvalidInputException;
import ai.based.client.basedai.NodeRole;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.circuits.BootstrapParameters;
import ai.based.fhe.circuits.Bootstrapper;
import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.zkllm.encrypted.BootstrappedPass;
import ai.based.fhe.zkllm.encrypted.CircuitFrame;
import ai.based.miner.BootstrappedModel;
import java.util.Optional;
import ai.based.fhe.zkllm.diagnosis.EncryptedDiagnosis;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.miner.MinerLimits;
import ai.based.miner.MinerService;
import ai.based.miner.MarketGate;
import ai.based.miner.PaymentGate;
import ai.based.miner.ServedModel;
import ai.based.client.basedai.MinerDirectory;
import ai.based.client.market.ComputeMarketClient;
import java.util.function.Consumer;
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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "start", description = "Serve Brain N's model (a language model, or the diagnosis classifier) on encrypted inputs "
        + "over HTTPS until interrupted: memorizes the wallet as a miner of the Brain if needed, checks that the model package is the one the Brain names by content "
        + "hash, and announces the endpoint and the certificate's SHA-256 on chain so that clients pin it.")
public final class MinerStartCommand extends BaseCommand {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--brain", paramLabel = "N", converter = ai.based.cli.Converters.BrainNumber.class, description = "the Brain to serve")
    Long brainId;

    /** The miner's wallet: it is memorized and paid, and its key makes the TLS store's password. */
    @ArgGroup(exclusive = false)
    SignerOptions signer;

    @Mixin
    NetworkOptions network;

    @Option(names = "--offline", description = "serve --model without any chain (no Brain, no announcement, no payment): for "
            + "benchmarks and local trials; clients then need --miner and --pin")
    boolean offline;

    @Option(names = "--port", defaultValue = "0", description = "HTTPS port (default: a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on and to announce (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--model", paramLabel = "NAME|DIR", description = "the model package: a language model or a "
            + "diagnosis classifier ('diagnosis' is the bundled one) (default: the Brain's model, by name)")
    String model;

    @Option(names = "--max-sessions", defaultValue = "2", paramLabel = "K", description = "sessions evaluating at once; more get 503 "
            + "with Retry-After (default: ${DEFAULT-VALUE})")
    int maxSessions;

    @Option(names = "--key-store-mb", paramLabel = "MB", description = "memory for clients' evaluation keys, least recently used "
            + "evicted (default: 40% of the heap; one key set of the tiny model takes about 1,500 MB)")
    Long keyStoreMb;

    @Option(names = "--threads", description = "threads per pass (default: all cores)")
    Integer threads;

    @Option(names = "--non-interactive", description = "also serve the model without client round trips (bootstrapping at N = 2^16; "
            + "needs a bounded attention divisor, as tiny-bounded has): each such key set takes about 7.2 GB of the key store, so give the "
            + "heap and --key-store-mb room for it (BASED_JAVA_OPTS=-Xmx20g --key-store-mb 8000)")
    boolean nonInteractive;

    @Override
    protected void run() throws Exception {
        MinerLimits limits = MinerLimits.defaults(maxSessions);
        if (keyStoreMb != null) limits = new MinerLimits(maxSessions, keyStoreMb << 20, limits.replyTimeout(), limits.idleTimeout());
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers), daemons("miner-encode"));
        // a bootstrap's per-limb work gets threads of its own: a limb task waiting on the pool that runs it could starve it
        ExecutorService limbs = Executors.newFixedThreadPool(Math.max(1, workers), daemons("miner-limbs"));
        try {
            if (offline) {
                if (model == null) throw new ParameterException(spec.commandLine(), "--offline serves the package given with --model");
                ServedModel served = servedModel(model, null, pool, limbs);
                char[] password = MinerStartCommand.randomPassword();
                Path dir = java.nio.file.Files.createTempDirectory("based-offline-miner-");
                serve(served, limits, TlsIdentity.loadOrCreate(dir.resolve("tls.p12"), password, List.of(host)), new JsonObject().put("offline", true),
                        PaymentGate.FREE, dir.resolve("spool"), endpoint -> {});
                return;
            }
            if (brainId == null || signer == null) throw new ParameterException(spec.commandLine(), "a miner serves a Brain: give --brain N and --wallet NAME");
            Credentials key = signer.unlock(home());
            try (BasedSession session = BasedSession.open(network.manifest(home()))) {
                ModelId wanted = brainsModelId(session);
                ServedModel served = servedModel(model != null ? model : wanted.name(), wanted, pool, limbs);
                if (!session.registry(session.reader()).uidOf(BigInteger.valueOf(brainId), NodeRole.MINER.onChain(), key.getAddress()).send().component1()) {
                    MemorizeCommand.memorize(session, key, brainId, NodeRole.MINER, new byte[32], progress());
                }
                Path dir = home().root().resolve("miners").resolve(network.name()).resolve(brainId + "-" + key.getAddress().toLowerCase());
                TlsIdentity tls = TlsIdentity.loadOrCreate(dir.resolve("tls.p12"), tlsPassword(key), List.of(host));
                MarketGate market = new MarketGate(new ComputeMarketClient(session), key, brainId, dir.resolve("receipts.json"), progress());
                JsonObject announcement = new JsonObject().put("brain", brainId).put("miner", key.getAddress()).put("price", market.price().toString());
                serve(served, limits, tls, announcement, market, dir.resolve("spool"), endpoint -> {
                    try {
                        new MinerDirectory(session, key).serve(brainId, endpoint, tls.certificateSha256());
                        progress().accept("announced " + endpoint + " on Brain #" + brainId + "'s registry entry");
                    } catch (Exception e) {
                        throw new IllegalStateException("could not announce the endpoint on chain: " + e.getMessage(), e);
                    }
                });
            }
        } finally {
            pool.shutdownNow();
            limbs.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemons(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The model id the Brain names on chain. */
    private ModelId brainsModelId(BasedSession session) throws Exception {
        var registry = session.registry(session.reader());
        BigInteger id = BigInteger.valueOf(brainId);
        if (!registry.isActive(id).send()) {
            throw new InvalidInputException("Brain #" + brainId + " is not active on the BasedAI chain: acquire it and mirror it first");
        }
        try {
            return ModelId.parse(registry.config(id).send().modelId);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Brain #" + brainId + ": " + e.getMessage(), e);
        }
    }

    /**
     * The package at {@code where}, of whichever kind it is (a language model or the diagnosis classifier), checked by
     * its content id against {@code wanted} (the Brain's; null offline), and its encrypted circuit.
     */
    private ServedModel servedModel(String where, ModelId wanted, ExecutorService pool, ExecutorService limbs) {
        if (PackageLocator.isDiagnosis(home(), where)) {
            PackageLocator.LocatedDiagnosis located = PackageLocator.locateDiagnosis(home(), where);
            checkIsTheBrains(located.id(), located.where(), wanted);
            progress().accept("loading " + located.id() + " and its encrypted circuit");
            return new ServedModel.Diagnosis(new EncryptedDiagnosis(located.pkg().model(), Parameters.create(EncryptedDiagnosis.PARAMETERS)),
                    located.id(), pool);
        }
        PackageLocator.Located located = PackageLocator.locate(home(), where);
        checkIsTheBrains(located.id(), located.where(), wanted);
        if (!located.model().config().heFriendly()) throw new InvalidInputException(located.id().name() + " is a softmax twin and cannot run encrypted");
        progress().accept("loading " + located.id() + " and its encrypted circuit");
        EncryptedGpt circuit = new EncryptedGpt(located.model().config(), located.model().weights(), Parameters.create(EncryptedGpt.PARAMETERS),
                pool, pool, DiagonalCache.upTo(MinerLimits.diagonalCacheBytes()));
        if (!nonInteractive) return new ServedModel.Language(circuit, located.id());
        BootstrapParameters set = BootstrapParameters.N16_MODEL;
        try {
            BootstrappedPass.check(located.model().config(), Bootstrapper.outputLevel(set));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--non-interactive: " + e.getMessage(), e);
        }
        CircuitFrame frame = new CircuitFrame(Parameters.create(set.ckks()), set.slots(), Bootstrapper.outputLevel(set));
        EncryptedGpt bootstrapped = new EncryptedGpt(located.model().config(), located.model().weights(), frame, pool, pool, DiagonalCache.none());
        return new ServedModel.Language(circuit, located.id(), Optional.of(new BootstrappedModel(bootstrapped, set, LimbParallelism.on(limbs))));
    }

    private void checkIsTheBrains(ModelId found, String where, ModelId wanted) {
        if (wanted != null && !found.equals(wanted)) {
            throw new InvalidInputException("Brain #" + brainId + " names the model " + wanted + ", but the package " + where
                    + " is " + found + ": a miner serves only the Brain's package");
        }
    }

    /** @param spool where key uploads are received (what a stopped run left there is deleted at start) */
    private void serve(ServedModel served, MinerLimits limits, TlsIdentity tls, JsonObject announcement, PaymentGate payments, Path spool,
            Consumer<String> announce) throws Exception {
        String what = brainId == null ? "(offline)" : "Brain #" + brainId;
        try (MinerService miner = new MinerService(served, limits, payments, announcement, spool, progress())) {
            PeriodicService service = miner.service("miner", host, port, tls, Duration.ofSeconds(30), progress());
            service.start().get();
            String endpoint = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + service.httpPort();
            try {
                announce.accept(endpoint);
            } catch (RuntimeException e) {
                service.stop().get();
                throw e;
            }
            boolean bootstrapped = served instanceof ServedModel.Language language && language.bootstrapped().isPresent();
            out().printf("miner serving %s (%s) at %s, certificate sha256 %s; at most %d sessions, key store %,d MB%s; "
                    + "Ctrl-C or SIGTERM stops it%n", what, served.id(), endpoint, HexFormat.of().formatHex(tls.certificateSha256()),
                    limits.maxSessions(), limits.keyStoreBytes() >> 20, bootstrapped ? "; non-interactive passes too (N = 2^16)" : "");
            out().flush();
            ServiceMain.runUntilStopped(service, STOP_TIMEOUT);
            out().println("miner stopped after " + miner.passesServed() + " passes; payments " + miner.metrics().getJsonObject("payments").encode());
        }
    }

    /** A one-off password for an offline miner's throwaway TLS store. */
    static char[] randomPassword() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).toCharArray();
    }

    /** The TLS store's password, derived from the wallet's key: secret, stable across restarts, never typed. */
    static char[] tlsPassword(Credentials key) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key.getEcKeyPair().getPrivateKey().toByteArray(), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal("based miner tls store".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).toCharArray();
    }
}
