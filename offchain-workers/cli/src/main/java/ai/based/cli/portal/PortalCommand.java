package ai.based.cli.portal;

import ai.based.cli.BaseCommand;
import ai.based.client.InvalidInputException;
import ai.based.client.manifest.ManifestStore;
import ai.based.portal.PortalService;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "portal", subcommands = {PortalStopCommand.class}, description = "Serve the BasedAI Portal: the web page to acquire and manage Brains with a browser "
        + "wallet, its deployment manifest (GET /v1/manifest) and a read-only JSON-RPC proxy to both chains (POST /rpc/{chainId}), "
        + "with /health and /metrics. Holds no key. Runs until interrupted.")
public final class PortalCommand extends BaseCommand {
    @Option(names = "--port", defaultValue = "0", description = "HTTP port (default: a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to serve on (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--network", paramLabel = "NAME", defaultValue = "devnet",
            description = "deployment to show: devnet or a network named in <home>/networks (default: ${DEFAULT-VALUE})")
    String network;

    @Override
    protected void run() throws Exception {
        if (port < 0 || port > 65_535) throw new InvalidInputException("--port must be 0..65535, got " + port);
        ManifestStore store = new ManifestStore(home().deployments());
        store.file(network); // refuses a malformed name now, not on the first request
        if (store.read(network).isEmpty()) {
            out().println("warning: no deployment for '" + network + "' yet: the page says so until 'based deploy' (or 'based demo') runs");
        }
        try (PortalService portal = PortalService.start(host, port, network, () -> store.require(network))) {
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "portal-shutdown"));
            out().println("Portal: " + portal.url() + " (deployment '" + network + "'; Ctrl-C or SIGTERM stops it)");
            out().flush();
            stopped.await();
        }
    }
}
