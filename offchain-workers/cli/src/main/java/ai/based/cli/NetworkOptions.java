package ai.based.cli;

import ai.based.client.manifest.Manifest;
import ai.based.client.manifest.ManifestStore;
import ai.based.client.BasedHome;
import picocli.CommandLine.Option;

/** --network: which deployment manifest a command works on. */
public final class NetworkOptions {
    public static final String DEVNET = "devnet";

    @Option(names = "--network", paramLabel = "NAME", defaultValue = DEVNET,
            description = "deployment to use: devnet or a network named in <home>/networks (default: ${DEFAULT-VALUE})")
    String network;

    public String name() {
        return network;
    }

    public Manifest manifest(BasedHome home) {
        return new ManifestStore(home.deployments()).require(network);
    }
}
