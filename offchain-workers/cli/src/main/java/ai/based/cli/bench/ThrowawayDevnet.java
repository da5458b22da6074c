package ai.based.cli.bench;

import ai.based.chain.devnet.DevnetManager;
import ai.based.chain.devnet.DevnetMode;
import ai.based.cli.DevnetDeployment;
import ai.based.deployment.DeployOptions;
import ai.based.client.manifest.Manifest;
import ai.based.client.BasedHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Both devnets with everything deployed, in a temporary home that is removed afterwards; for benchmarks. */
final class ThrowawayDevnet implements AutoCloseable {
    private final Path dir;
    private final DevnetManager devnet;
    final long upNanos;
    final long deployNanos;
    final Manifest manifest;
    final Path home;

    ThrowawayDevnet() throws IOException {
        this(DeployOptions.forDevnet());
    }

    ThrowawayDevnet(DeployOptions options) throws IOException {
        dir = Files.createTempDirectory("based-bench-");
        BasedHome home = new BasedHome(dir);
        this.home = dir;
        devnet = new DevnetManager(home.devnet());
        long t0 = System.nanoTime();
        devnet.up(DevnetMode.FAST, line -> {});
        long t1 = System.nanoTime();
        manifest = DevnetDeployment.deploy(home, options, line -> {}).manifest();
        upNanos = t1 - t0;
        deployNanos = System.nanoTime() - t1;
    }

    @Override
    public void close() throws IOException {
        devnet.down(line -> {});
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        }
    }
}
