package ai.based.cli.bridge;

import ai.based.bridge.BridgeMessage;
import ai.based.bridge.MessengerEnd;
import ai.based.client.manifest.Manifest;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import java.util.Arrays;
import org.web3j.utils.Numeric;

/** Both chains of a deployment and their messenger ends, opened together. */
final class BridgeSessions implements AutoCloseable {
    final EthereumSession ethereum;
    final BasedSession basedai;
    final MessengerEnd ethEnd;
    final MessengerEnd basedEnd;

    BridgeSessions(Manifest manifest) {
        ethereum = EthereumSession.open(manifest);
        basedai = BasedSession.open(manifest);
        ethEnd = MessengerEnd.ethereum(ethereum);
        basedEnd = MessengerEnd.basedai(basedai);
    }

    /** A sent message with the messenger end it is delivered to. */
    record Found(BridgeMessage message, MessengerEnd destination) {}

    /** The message with this hash, sent from either chain; refuses an unknown hash. */
    Found find(String hash, String network) throws Exception {
        byte[] wanted = Numeric.hexStringToByteArray(hash);
        for (MessengerEnd[] pair : new MessengerEnd[][] {{ethEnd, basedEnd}, {basedEnd, ethEnd}}) {
            for (BridgeMessage m : pair[0].sent(0)) {
                if (Arrays.equals(m.hash(), wanted)) return new Found(m, pair[1]);
            }
        }
        throw new IllegalArgumentException("no message " + hash + " was sent on either chain of '" + network + "'");
    }

    @Override
    public void close() {
        ethereum.close();
        basedai.close();
    }
}
