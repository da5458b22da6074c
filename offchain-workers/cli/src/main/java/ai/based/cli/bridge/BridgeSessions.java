package ai.based.cli.bridge;

import ai.based.bridge.MessengerEnd;
import ai.based.deployment.Manifest;
import ai.based.runtime.BasedSession;
import ai.based.runtime.EthereumSession;

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

    @Override
    public void close() {
        ethereum.close();
        basedai.close();
    }
}
