package ai.based.cli.oracle;

import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import ai.based.client.InvalidInputException;
import ai.based.oracle.OracleService;
import ai.based.service.PeriodicService;
import ai.based.service.ServiceMain;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "start", description = "Sign closed epochs with this wallet: compute each from chain data, serve the answer at "
        + "GET /v1/epochs/{epoch}, count the peers' signatures over the same result and, on quorum, post it (the lowest signer "
        + "holding the quorum first, the others after --failover-s). Writes each posted epoch's rewards to <home>/epochs/<network>. "
        + "Runs until interrupted.")
public final class OracleStartCommand extends BaseCommand {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @Mixin
    SignerOptions signer;

    @Option(names = "--peers", paramLabel = "URL[,URL...]", split = ",", required = true,
            description = "the other signers' base URLs (http://host:port)")
    List<URI> peers;

    @Option(names = "--port", defaultValue = "0", description = "HTTP port for answers, /health and /metrics (default: a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to serve on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "pause between passes (default: ${DEFAULT-VALUE})")
    long intervalMs;

    @Option(names = "--failover-s", defaultValue = "15", description = "how long a quorum holder other than the lowest waits "
            + "before posting in its place (default: ${DEFAULT-VALUE})")
    long failoverSeconds;

    @Mixin
    NetworkOptions network;

    @Override
    protected void run() throws Exception {
        if (port < 0 || port > 65_535) throw new InvalidInputException("--port must be 0..65535, got " + port);
        if (intervalMs < 10) throw new InvalidInputException("--interval-ms must be at least 10, got " + intervalMs);
        if (failoverSeconds < 0) throw new InvalidInputException("--failover-s must be 0 or more, got " + failoverSeconds);
        for (URI peer : peers) {
            if (!"http".equals(peer.getScheme()) && !"https".equals(peer.getScheme()) || peer.getHost() == null) {
                throw new InvalidInputException("--peers: '" + peer + "' is not an http(s)://host:port URL");
            }
        }
        Credentials key = signer.unlock(home());
        Path rewardsDir = home().root().resolve("epochs").resolve(network.name());
        OracleService.Settings settings = new OracleService.Settings(Duration.ofSeconds(failoverSeconds),
                OracleService.Settings.DEFAULTS.requestBurst(), OracleService.Settings.DEFAULTS.requestsPerSecond());
        try (BasedSession session = BasedSession.open(network.manifest(home()))) {
            boolean member = session.oracle(session.reader()).isSigner(key.getAddress()).send();
            OracleService oracle = OracleService.onChain(key, session, peers, rewardsDir, settings, progress());
            PeriodicService service = oracle.service("oracle-" + key.getAddress().substring(2, 10), Duration.ofMillis(intervalMs), host, port);
            service.start().get();
            out().println("oracle signer " + key.getAddress().toLowerCase() + " serving http://" + host + ":" + service.httpPort()
                    + "/v1/epochs/{epoch}, /health and /metrics with " + peers.size() + " peer(s); rewards in " + rewardsDir
                    + "; Ctrl-C or SIGTERM stops it");
            if (!member) {
                out().println("  warning: " + key.getAddress() + " is not a current EpochOracle signer: it computes and serves, "
                        + "but does not sign (the signer set changes only through governance)");
            }
            out().flush();
            ServiceMain.runUntilStopped(service, STOP_TIMEOUT);
        }
    }
}
