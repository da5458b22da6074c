package ai.based.cli.bridge;

import ai.based.bridge.BridgeMessage;
import ai.based.bridge.MessengerEnd;
import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SignerOptions;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "retry", description = "Execute again a message whose call failed on its destination (anyone may).")
public final class BridgeRetryCommand extends BaseCommand {
    @Parameters(paramLabel = "HASH")
    String hash;

    @Mixin
    SignerOptions signer;

    @Mixin
    NetworkOptions network;

    @Override
    protected void run() throws Exception {
        var credentials = signer.unlock(home());
        try (BridgeSessions s = new BridgeSessions(network.manifest(home()))) {
            BridgeSessions.Found found = s.find(hash, network.name());
            BridgeMessage m = found.message();
            MessengerEnd destination = found.destination();
            destination.contract(destination.session().signer(credentials)).retryMessage(BigInteger.valueOf(m.sourceChainId()),
                    BigInteger.valueOf(m.destinationChainId()), m.nonce(), m.sender(), m.target(), m.value(), BigInteger.valueOf(m.gasLimit()), m.data()).send();
            out().println("message " + hash + (destination.executed(m.hash()) ? " executed" : " failed again; still retryable"));
        }
    }
}
