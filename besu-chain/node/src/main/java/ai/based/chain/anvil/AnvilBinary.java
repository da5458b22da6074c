package ai.based.chain.anvil;

import ai.based.chain.ChainException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds the anvil executable that contracts/package.json pins (npm package @foundry-rs/anvil-linux-amd64). */
public final class AnvilBinary {
    static final Path IN_REPO = Path.of("contracts", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");

    private AnvilBinary() {}

    /** Looks at BASED_ANVIL, then the repository named by based.repo/BASED_REPO, then upwards from the working directory. */
    public static Path locate() {
        Optional<Path> explicit = setting("based.anvil", "BASED_ANVIL").map(Path::of);
        if (explicit.isPresent()) {
            return requireExecutable(explicit.get());
        }
        Optional<Path> repo = setting("based.repo", "BASED_REPO").map(Path::of);
        if (repo.isPresent() && Files.isExecutable(repo.get().resolve(IN_REPO))) {
            return repo.get().resolve(IN_REPO);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve(IN_REPO))) {
                return dir.resolve(IN_REPO);
            }
        }
        throw new ChainException("cannot find anvil: run 'npm ci' in contracts/ (bin/based does it on first run)"
                + " or point BASED_ANVIL at an anvil binary");
    }

    private static Path requireExecutable(Path path) {
        if (!Files.isExecutable(path)) {
            throw new ChainException("cannot run anvil at " + path + ": not an executable file");
        }
        return path;
    }

    private static Optional<String> setting(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) value = System.getenv(env);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
