package ai.based.cli.enforcer;

import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SignerOptions;
import ai.based.cli.model.DjlSettings;
import ai.based.client.BasedSession;
import ai.based.client.InvalidInputException;
import ai.based.client.basedai.EnforcerForecastsClient;
import ai.based.oracle.enforcer.ChainEpochSource;
import ai.based.oracle.enforcer.ChainForecastBoard;
import ai.based.oracle.enforcer.EnforcerAccess;
import ai.based.oracle.enforcer.EnforcerWorker;
import ai.based.service.FailurePolicy;
import ai.based.service.HttpRoutes;
import ai.based.service.PeriodicService;
import ai.based.service.ServiceMain;
import java.time.Duration;
import java.util.List;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "start", description = "Forecast every miner's next-epoch contribution with a Temporal Fusion Transformer trained "
        + "on the chain's own per-epoch history, and post the forecasts (uids and u16 values) on EnforcerForecasts before each "
        + "epoch closes, until interrupted. Reports held-out pinball loss and MAE beside the last-value baseline each epoch "
        + "(log and /metrics). The wallet needs ENFORCER_ROLE (granted by governance; on the devnet Brain #2's owner has it).")
public final class EnforcerStartCommand extends BaseCommand {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    @ArgGroup(exclusive = false, multiplicity = "1")
    SignerOptions signer;

    @Mixin
    NetworkOptions network;

    @Option(names = "--brain", paramLabel = "N", converter = ai.based.cli.Converters.BrainNumber.class,
            description = "a Brain to forecast (repeatable; default: every active Brain at start)")
    List<Long> brains = List.of();

    @Option(names = "--history-epochs", defaultValue = "32", description = "epochs of history read per Brain (default: ${DEFAULT-VALUE})")
    int historyEpochs;

    @Option(names = "--after-blocks", defaultValue = "180", description = "blocks into an epoch before forecasting it, so that the "
            + "validators' reveals of the epoch before are in (default: ${DEFAULT-VALUE} of 360)")
    long afterBlocks;

    @Option(names = "--steps", defaultValue = "150", description = "training steps per Brain and epoch (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--seed", defaultValue = "16", description = "training seed; the epoch is added (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", defaultValue = "1", description = "PyTorch threads (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--port", defaultValue = "0", description = "HTTP port for /health and /metrics (default: a free one)")
    int port;

    @Option(names = "--interval-ms", defaultValue = "2000", description = "pause between passes (default: ${DEFAULT-VALUE})")
    long intervalMs;

    @Override
    protected void run() throws Exception {
        DjlSettings.apply(threads);
        Credentials key = signer.unlock(home());
        try (BasedSession session = BasedSession.open(network.manifest(home()))) {
            EnforcerAccess.requireRole(session, key.getAddress());
            ChainEpochSource source = new ChainEpochSource(session);
            List<Long> forecast = brains.isEmpty() ? source.activeBrains() : brains;
            if (forecast.isEmpty()) throw new InvalidInputException("no active Brain to forecast on '" + network.name() + "': pass --brain N");
            EnforcerWorker worker = new EnforcerWorker(source, new ChainForecastBoard(new EnforcerForecastsClient(session), key),
                    new EnforcerWorker.Settings(forecast, historyEpochs, afterBlocks, steps, seed), progress());
            Duration interval = Duration.ofMillis(intervalMs);
            // a chain outage is retried with backoff for a long while: forecasts are worth posting late rather than never
            PeriodicService service = new PeriodicService("enforcer", worker,
                    new FailurePolicy(interval, MAX_BACKOFF.compareTo(interval) < 0 ? interval : MAX_BACKOFF, 10_000), progress())
                    .serveHttp("127.0.0.1", port, HttpRoutes.NONE);
            service.start().get();
            out().println("TFT Enforcer " + key.getAddress() + " forecasting Brains " + forecast + ", /health and /metrics on http://127.0.0.1:"
                    + service.httpPort() + "; Ctrl-C or SIGTERM stops it");
            out().flush();
            ServiceMain.runUntilStopped(service, STOP_TIMEOUT);
        }
    }
}
