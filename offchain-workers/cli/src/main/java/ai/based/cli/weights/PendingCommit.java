package ai.based.cli.weights;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * What a reveal needs and the chain does not hold: the weights and the salt behind a commit. Written (atomically,
 * owner-only) before the commit is sent, so a commit can always be revealed, even after a crash.
 */
record PendingCommit(long brainId, long epoch, String validator, int[] uids, int[] weights, String salt) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Path file(Path dir, long brainId, long epoch, String validator) {
        return dir.resolve("brain-" + brainId + "-epoch-" + epoch + "-" + validator.toLowerCase() + ".json");
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "commit", ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, file(dir, brainId, epoch, validator), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Optional<PendingCommit> read(Path dir, long brainId, long epoch, String validator) throws IOException {
        Path file = file(dir, brainId, epoch, validator);
        if (!Files.exists(file)) return Optional.empty();
        return Optional.of(JSON.readValue(file.toFile(), PendingCommit.class));
    }
}
