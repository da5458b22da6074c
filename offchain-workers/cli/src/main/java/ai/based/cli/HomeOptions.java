package ai.based.cli;

import ai.based.client.BasedHome;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --home: the data directory (wallets, manifests, devnet state). */
public final class HomeOptions {
    @Option(names = "--home", paramLabel = "DIR",
            description = "data directory (default: $BASED_HOME or ~/.based)")
    Path home;

    public BasedHome home() {
        return home == null ? BasedHome.fromEnvironment() : new BasedHome(home);
    }
}
