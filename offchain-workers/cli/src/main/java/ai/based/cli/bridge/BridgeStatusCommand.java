package ai.based.cli.bridge;

import ai.based.bridge.BridgeMessage;
import ai.based.relayer.PeerExchange;
import ai.based.bridge.RelayerSet;
import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.relayer.RelayerStartCommand;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "Where a message is: sent, attested k of M by the relayers, executed, or failed "
        + "(retryable) on its destination.")
public final class BridgeStatusCommand extends BaseCommand {
    @Parameters(paramLabel = "HASH")
    String hash;

    @Option(names = "--relayer", paramLabel = "URL", description = "a relayer to ask for its attestation (repeatable; "
            + "default: the relayers started with 'based relayer start' under this home)")
    List<URI> relayers = new ArrayList<>();

    @Mixin
    NetworkOptions network;

    @Override
    protected void run() throws Exception {
        try (BridgeSessions s = new BridgeSessions(network.manifest(home()))) {
            BridgeSessions.Found found = s.find(hash, network.name());
            BridgeMessage m = found.message();
            String state;
            if (found.destination().executed(m.hash())) {
                state = "executed";
            } else if (found.destination().failed(m.hash())) {
                state = "failed (retry with 'based bridge retry')";
            } else {
                RelayerSet set = found.destination().relayerSet();
                List<URI> asked = relayers.isEmpty() ? localRelayers() : relayers;
                List<String> offered = new PeerExchange(asked).fetch(List.of(hash.toLowerCase())).getOrDefault(hash.toLowerCase(), List.of());
                int attested = PeerExchange.valid(found.destination().digest(m), offered, set).size();
                state = "sent, attested " + attested + " of " + set.members().size() + " (" + set.threshold() + " needed; "
                        + asked.size() + " relayer(s) asked)";
            }
            out().println("message " + hash + " from chain " + m.sourceChainId() + " to chain " + m.destinationChainId()
                    + " (nonce " + m.nonce() + ", block " + m.blockNumber() + "): " + state);
        }
    }

    private List<URI> localRelayers() throws Exception {
        Path dir = home().root().resolve("relayer").resolve(network.name());
        if (!Files.isDirectory(dir)) return List.of();
        List<URI> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                Path url = entry.resolve(RelayerStartCommand.URL_FILE);
                if (Files.isRegularFile(url)) found.add(URI.create(Files.readString(url).strip()));
            }
        }
        return found;
    }
}
