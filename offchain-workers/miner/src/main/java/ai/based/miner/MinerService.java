package ai.based.miner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.service.EndpointSettings;
import ai.based.service.FailurePolicy;
import ai.based.service.PeriodicService;
import ai.based.service.Worker;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A miner on the service core: the inference routes over HTTPS, and a periodic pass that settles payments (redeems
 * receipts). The encrypted model ({@link ServedModel}: the language model or the diagnosis classifier) and its encoded
 * diagonals are shared by every session; a session holds only its client's evaluation keys, by key-set id, in the
 * bounded store.
 */
public final class MinerService implements Worker {
    private final EvaluationKeyStore keys;
    private final PaymentGate payments;
    private final MinerMetrics metrics = new MinerMetrics();
    private final ExecutorService passThreads;
    private final ExecutorService uploadThread;
    private final InferenceRoutes routes;
    private final Consumer<String> log;
    private final Path spool;

    /** A miner of the language model; see {@link #MinerService(ServedModel, MinerLimits, PaymentGate, JsonObject, Consumer)}. */
    public MinerService(EncryptedGpt circuit, ModelId model, MinerLimits limits, PaymentGate payments, JsonObject announcement,
            Consumer<String> log) {
        this(new ServedModel.Language(circuit, model), limits, payments, announcement, log);
    }

    /** A miner receiving key uploads in a fresh temporary directory; see {@link #MinerService(ServedModel, MinerLimits, PaymentGate, JsonObject, Path, Consumer)}. */
    public MinerService(ServedModel model, MinerLimits limits, PaymentGate payments, JsonObject announcement, Consumer<String> log) {
        this(model, limits, payments, announcement, temporarySpool(), log);
    }

    /**
     * @param model the language model or the diagnosis classifier
     * @param announcement what GET /v1/info says besides the model and limits (the Brain, the miner's address, price)
     * @param spool where key uploads are received (created if missing; what an earlier run left there is deleted)
     */
    public MinerService(ServedModel model, MinerLimits limits, PaymentGate payments, JsonObject announcement, Path spool, Consumer<String> log) {
        this.spool = spool;
        try {
            Files.createDirectories(spool);
            SpooledUpload.clearStale(spool);
        } catch (IOException e) {
            throw new IllegalStateException("cannot use " + spool + " for key uploads: " + e.getMessage(), e);
        }
        this.keys = new EvaluationKeyStore(limits.keyStoreBytes());
        this.payments = payments;
        this.log = log;
        this.passThreads = Executors.newFixedThreadPool(limits.maxSessions(), daemons("miner-pass-"));
        this.uploadThread = Executors.newSingleThreadExecutor(daemons("miner-upload-"));
        this.routes = new InferenceRoutes(model, new InferenceContext(keys, payments, limits, passThreads, metrics, log),
                uploadThread, spool, announcement);
    }

    /** The service: HTTPS with {@code tls} on host:port (0 picks a free port), settling payments every {@code interval}. */
    public PeriodicService service(String name, String host, int port, TlsIdentity tls, Duration interval, Consumer<String> log) {
        EndpointSettings settings = EndpointSettings.tls(tls.keyStore(), tls.password(), MinerLimits.MAX_MESSAGE_BYTES, routes);
        return new PeriodicService(name, this, new FailurePolicy(interval, Duration.ofMinutes(5), 1_000), log)
                .serveHttp(host, port, routes, settings);
    }

    @Override
    public void pass() throws Exception {
        payments.settle();
    }

    @Override
    public JsonObject metrics() {
        return metrics.json(keys).put("payments", payments.figures()).put("activeSessions", routes.activeSessions());
    }

    public long passesServed() {
        return metrics.passes();
    }

    /** Stops serving and redeems what is left to redeem, so a miner stopped with SIGTERM keeps what it earned. */
    @Override
    public void close() {
        passThreads.shutdownNow();
        uploadThread.shutdownNow();
        try {
            SpooledUpload.clearStale(spool); // an upload cut off by the stop
            if (spool.getFileName().toString().startsWith(TEMPORARY_SPOOL)) Files.deleteIfExists(spool);
        } catch (IOException e) {
            log.accept("could not clear the key uploads in " + spool + ": " + e.getMessage());
        }
        try {
            payments.settle();
        } catch (Exception e) {
            log.accept("could not redeem the last receipts (they stay in the receipt book for the next start): " + e.getMessage());
        }
    }

    private static final String TEMPORARY_SPOOL = "based-miner-spool-";

    private static Path temporarySpool() {
        try {
            return Files.createTempDirectory(TEMPORARY_SPOOL);
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a directory for key uploads: " + e.getMessage(), e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
