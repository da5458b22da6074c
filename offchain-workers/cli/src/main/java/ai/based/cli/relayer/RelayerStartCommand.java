package ai.based.cli.relayer;

import ai.based.client.InvalidInputException;
import ai.based.service.PeriodicService;
import ai.based.service.ServiceMain;
import ai.based.relayer.Failpoints;
import ai.based.bridge.MessengerEnd;
import ai.based.relayer.RelayerService;
import ai.based.relayer.RelayerStore;
import ai.based.chain.anvil.DevAccounts;
import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SignerOptions;
import picocli.CommandLine.ArgGroup;
import ai.based.deployment.BridgeOptions;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "start", description = "Follow both chains, attest confirmed messages, exchange attestations with the "
        + "other relayers over HTTP and deliver on quorum, until interrupted. State is kept in <home>/relayer/<network>/<index>.")
public final class RelayerStartCommand extends BaseCommand {
    /** The file in the relayer's state directory that holds its base URL while it runs, for 'based bridge status'. */
    public static final String URL_FILE = "url";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--index", required = true, description = "names this relayer's state directory; on the devnet without "
            + "--wallet it also picks the test key (0, 1 or 2)")
    int index;

    @ArgGroup(exclusive = false)
    SignerOptions signer;

    @Option(names = "--port", defaultValue = "0", description = "HTTP port for attestations and /metrics (default: free)")
    int port;

    @Option(names = "--peer", paramLabel = "URL", description = "another relayer's base URL (repeatable)")
    List<URI> peers = List.of();

    @Option(names = "--confirmations", defaultValue = "2", description = "blocks a message must be under; 2 on devnets, "
            + "tens on mainnet (default: ${DEFAULT-VALUE})")
    long confirmations;

    @Option(names = "--interval-ms", defaultValue = "1000")
    long intervalMs;

    @Mixin
    NetworkOptions network;

    /** The relayer's key: its keystore wallet, or on the devnet the test key at --index. */
    private Credentials relayerKey() {
        if (signer != null) return signer.unlock(home());
        if (!NetworkOptions.DEVNET.equals(network.name())) {
            throw new InvalidInputException("a relayer on '" + network.name() + "' signs with its own key: pass --wallet NAME");
        }
        List<Integer> accounts = BridgeOptions.DEVNET_RELAYER_ACCOUNTS;
        if (index < 0 || index >= accounts.size()) throw new InvalidInputException("--index must be 0.." + (accounts.size() - 1));
        return DevAccounts.account(accounts.get(index));
    }

    @Override
    protected void run() throws Exception {
        Credentials key = relayerKey();
        Path dir = home().root().resolve("relayer").resolve(network.name()).resolve(Integer.toString(index));
        Files.createDirectories(dir);
        var manifest = network.manifest(home());
        try (EthereumSession ethereum = EthereumSession.open(manifest); BasedSession basedai = BasedSession.open(manifest);
                RelayerService relayer = RelayerService.open(key, MessengerEnd.ethereum(ethereum), MessengerEnd.basedai(basedai),
                        peers, new RelayerStore(dir), confirmations, Failpoints.fromEnvironment(), progress())) {
            boolean devnet = NetworkOptions.DEVNET.equals(network.name());
            relayer.mineWhileWaitingForConfirmations(devnet);
            PeriodicService service = relayer.service("relayer-" + index, Duration.ofMillis(intervalMs), port);
            service.start().get();
            Files.writeString(dir.resolve(URL_FILE), "http://127.0.0.1:" + service.httpPort() + "\n");
            out().println("relayer " + index + " (" + key.getAddress() + ") serving http://127.0.0.1:" + service.httpPort()
                    + "/health and /metrics, state in " + dir + "; Ctrl-C or SIGTERM stops it"
                    + (devnet ? "\n  (devnet: mines an empty block when a message waits for its " + confirmations + " confirmations)" : ""));
            out().flush();
            ServiceMain.runUntilStopped(service, STOP_TIMEOUT);
        }
    }
}
