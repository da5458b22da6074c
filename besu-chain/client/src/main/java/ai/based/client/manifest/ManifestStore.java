package ai.based.client.manifest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads and writes {@code <dir>/<network>.json}. Writes are atomic, so a crash never leaves half a manifest. */
public final class ManifestStore {
    private static final Pattern NETWORK_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public ManifestStore(Path dir) {
        this.dir = dir;
    }

    public Path file(String network) {
        if (!NETWORK_NAME.matcher(network).matches()) {
            throw new DeploymentException("invalid network name '" + network
                    + "': use lower-case letters, digits, '-' and '_'");
        }
        return dir.resolve(network + ".json");
    }

    public Optional<Manifest> read(String network) {
        Path file = file(network);
        if (!Files.exists(file)) return Optional.empty();
        try {
            Manifest manifest = JSON.readValue(file.toFile(), Manifest.class);
            if (manifest.ethereum() == null || manifest.basedai() == null) {
                throw new DeploymentException("manifest " + file + " lacks the ethereum or basedai section");
            }
            return Optional.of(manifest);
        } catch (IOException e) {
            throw new DeploymentException("cannot read manifest " + file + ": " + e.getMessage(), e);
        }
    }

    public Manifest require(String network) {
        return read(network).orElseThrow(() -> new DeploymentException(
                "no deployment for network '" + network + "' (" + file(network) + "): run 'based deploy'"));
    }

    public void write(String network, Manifest manifest) {
        Path file = file(network);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, network, ".tmp");
            JSON.writeValue(tmp.toFile(), manifest);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DeploymentException("cannot write manifest " + file + ": " + e.getMessage(), e);
        }
    }
}
