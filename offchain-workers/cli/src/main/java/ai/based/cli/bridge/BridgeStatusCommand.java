package ai.based.cli.bridge;

import ai.based.bridge.BridgeMessage;
import ai.based.bridge.MessengerEnd;
import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.utils.Numeric;
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
        byte[] wanted = Numeric.hexStringToByteArray(hash);
        try (BridgeSessions s = new BridgeSessions(network.manifest(home()))) {
            for (MessengerEnd[] pair : new MessengerEnd[][] {{s.ethEnd, s.basedEnd}, {s.basedEnd, s.ethEnd}}) {
                Optional<BridgeMessage> found = pair[0].sent(0).stream().filter(m -> Arrays.equals(m.hash(), wanted)).findFirst();
                if (found.isEmpty()) continue;
                BridgeMessage m = found.get();
                String state = pair[1].executed(m.hash()) ? "executed" : pair[1].failed(m.hash()) ? "failed (retry with 'based bridge retry')" : "sent, awaiting relayers";
                out().println("message " + hash + " from chain " + m.sourceChainId() + " to chain " + m.destinationChainId()
                        + " (nonce " + m.nonce() + ", block " + m.blockNumber() + "): " + state);
                return;
            }
            throw new IllegalArgumentException("no message " + hash + " was sent on either chain of '" + network.name() + "'");
        }
    }
}
