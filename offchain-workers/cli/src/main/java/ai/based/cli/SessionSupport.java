package ai.based.cli;

import ai.based.runtime.BasedHome;
import ai.based.runtime.EthereumSession;

/** Opens the Ethereum side of the chosen deployment; the manifest's chain id is checked on connect. */
public final class SessionSupport {
    private SessionSupport() {}

    public static EthereumSession ethereum(BasedHome home, NetworkOptions network) {
        return EthereumSession.open(network.manifest(home));
    }
}
