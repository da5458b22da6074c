package ai.based.client;

import java.nio.file.Path;

/**
 * The per-user data directory (default {@code ~/.based}, or BASED_HOME): wallets, deployment manifests,
 * network files and the devnet's state.
 */
public record BasedHome(Path root) {

    public static BasedHome fromEnvironment() {
        String env = System.getenv("BASED_HOME");
        return new BasedHome(env == null || env.isBlank()
                ? Path.of(System.getProperty("user.home"), ".based")
                : Path.of(env));
    }

    public Path wallets() {
        return root.resolve("wallets");
    }

    public Path deployments() {
        return root.resolve("deployment");
    }

    public Path networks() {
        return root.resolve("networks");
    }

    public Path devnet() {
        return root.resolve("devnet");
    }
}
