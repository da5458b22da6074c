package ai.based.validator;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The validator's commits not yet revealed, with their salts, in one file under its state directory. Every change is
 * written to a temporary file and moved over the old one atomically, and a commit is written BEFORE its transaction is
 * sent: a validator killed at any point still finds the salt of every commit that may be on chain, and can reveal it.
 */
public final class CommitBook {
    private final Path file;
    private final List<PendingCommit> pending = new ArrayList<>();

    public CommitBook(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try {
                JsonArray commits = new JsonObject(Files.readString(file)).getJsonArray("commits", new JsonArray());
                for (int i = 0; i < commits.size(); i++) pending.add(PendingCommit.fromJson(commits.getJsonObject(i)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the validator's commits " + file, e);
            } catch (DecodeException | ClassCastException | NullPointerException | IllegalArgumentException e) {
                throw new IllegalStateException("the validator's commit file " + file + " is damaged (" + e.getMessage() + "): move it "
                        + "aside to start without the salts it holds (their commits then stay unrevealed)", e);
            }
        }
    }

    public synchronized List<PendingCommit> pending() {
        return List.copyOf(pending);
    }

    public synchronized Optional<PendingCommit> forEpoch(long epoch) {
        return pending.stream().filter(p -> p.epoch() == epoch).findFirst();
    }

    /** Records a commit, replacing any earlier one of its epoch, and writes the file before returning. */
    public synchronized void add(PendingCommit commit) {
        pending.removeIf(p -> p.epoch() == commit.epoch());
        pending.add(commit);
        write();
    }

    public synchronized void remove(long epoch) {
        if (pending.removeIf(p -> p.epoch() == epoch)) write();
    }

    private void write() {
        JsonArray commits = new JsonArray();
        pending.forEach(p -> commits.add(p.json()));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, new JsonObject().put("commits", commits).encodePrettily());
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true); // on disk before the move, and the move before any transaction is sent
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the validator's commits " + file + ": " + e.getMessage(), e);
        }
    }
}
