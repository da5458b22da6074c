package ai.based.cli.bridge;

import ai.based.bridge.BridgeMessage;
import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "Where a message is: sent, executed or failed (retryable) on its destination.")
public final class BridgeStatusCommand extends BaseCommand {
    @Parameters(paramLabel = "HASH")
    String hash;

    @Mixin
    NetworkOptions network;

    @Override
    protected void run() throws Exception {
        try (BridgeSessions s = new BridgeSessions(network.manifest(home()))) {
            BridgeSessions.Found found = s.find(hash, network.name());
            BridgeMessage m = found.message();
            String state = found.destination().executed(m.hash()) ? "executed"
                    : found.destination().failed(m.hash()) ? "failed (retry with 'based bridge retry')" : "sent, awaiting relayers";
            out().println("message " + hash + " from chain " + m.sourceChainId() + " to chain " + m.destinationChainId()
                    + " (nonce " + m.nonce() + ", block " + m.blockNumber() + "): " + state);
        }
    }
}
