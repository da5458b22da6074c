package ai.based.cli.bridge;

import ai.based.bridge.BridgeMessage;
import ai.based.bridge.MessengerEnd;
import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SignerOptions;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.utils.Numeric;
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
        byte[] wanted = Numeric.hexStringToByteArray(hash);
        var credentials = signer.unlock(home());
        try (BridgeSessions s = new BridgeSessions(network.manifest(home()))) {
            for (MessengerEnd[] pair : new MessengerEnd[][] {{s.ethEnd, s.basedEnd}, {s.basedEnd, s.ethEnd}}) {
                Optional<BridgeMessage> found = pair[0].sent(0).stream().filter(m -> Arrays.equals(m.hash(), wanted)).findFirst();
                if (found.isEmpty()) continue;
                BridgeMessage m = found.get();
                pair[1].contract(pair[1].session().signer(credentials)).retryMessage(BigInteger.valueOf(m.sourceChainId()),
                        BigInteger.valueOf(m.destinationChainId()), m.nonce(), m.sender(), m.target(), m.value(), m.data()).send();
                out().println("message " + hash + (pair[1].executed(m.hash()) ? " executed" : " failed again; still retryable"));
                return;
            }
            throw new IllegalArgumentException("no message " + hash + " was sent on either chain of '" + network.name() + "'");
        }
    }
}
