package ai.based.miner.remote;

import ai.based.fhe.ckks.KeyPlan;
import ai.based.fhe.circuits.BootstrappingKeys;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A non-interactive key set written to a file as its keys are made, one at a time, then uploaded from the file (to the
 * next miner too, when the first one fails). Made in memory, the set held the client's heap at 9.4 GB (4 GB on the
 * wire at N = 2^16); streamed, the client holds one key. The file holds public keys only, is readable by its owner
 * alone, and is deleted on close (at exit, should the process stop first, and by a later run a day on, should it be
 * killed).
 */
public final class BootstrappingKeyFile implements AutoCloseable {
    private final Path path;
    private final long bytes;
    private final long minerMemoryBytes;
    private final int modelKeys;
    private final int bootstrappingKeys;

    private BootstrappingKeyFile(Path path, long minerMemoryBytes, int modelKeys, int bootstrappingKeys) throws IOException {
        this.path = path;
        this.bytes = Files.size(path);
        this.minerMemoryBytes = minerMemoryBytes;
        this.modelKeys = modelKeys;
        this.bootstrappingKeys = bootstrappingKeys;
    }

    /**
     * Makes the keys into a new file in {@code directory}. A failure (a full disk) names the directory and the size it
     * needed, and leaves no file behind.
     */
    public static BootstrappingKeyFile write(Path directory, KeyPlan model, BootstrappingKeys.Plan bootstrapping, BootstrappingKeyFormat format)
            throws IOException {
        Path path = null;
        try {
            path = create(directory);
            long minerMemory;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
                minerMemory = format.write(model, bootstrapping, out);
            }
            return new BootstrappingKeyFile(path, minerMemory, model.size(), bootstrapping.evaluation().size());
        } catch (IOException | UncheckedIOException e) {
            long written = path != null && Files.exists(path) ? Files.size(path) : 0;
            if (path != null) Files.deleteIfExists(path);
            String why = e instanceof UncheckedIOException unchecked ? unchecked.getCause().toString() : e.toString();
            throw new IOException("could not write the key set to " + directory + " after " + written + " bytes (" + why
                    + "); a non-interactive key set at N = 2^16 needs about 4 GB of disk", e);
        }
    }

    private static Path create(Path directory) throws IOException {
        Files.createDirectories(directory);
        removeStale(directory);
        Path path = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile(directory, "based-keys-", ".bbot", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(directory, "based-keys-", ".bbot");
        path.toFile().deleteOnExit();
        return path;
    }

    /**
     * Deletes the files of runs stopped before they could (a day old: a key set serves one query run, and another
     * run's live file is younger).
     */
    private static void removeStale(Path directory) throws IOException {
        java.nio.file.attribute.FileTime dayAgo = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(1)));
        try (var stale = Files.newDirectoryStream(directory, "based-keys-*.bbot")) {
            for (Path file : stale) {
                if (Files.getLastModifiedTime(file).compareTo(dayAgo) < 0) Files.deleteIfExists(file);
            }
        }
    }

    public Path path() {
        return path;
    }

    /** The upload's size. */
    public long bytes() {
        return bytes;
    }

    /** What the key set occupies in a miner's memory once read. */
    public long minerMemoryBytes() {
        return minerMemoryBytes;
    }

    /** The model's keys (relinearisation and Galois). */
    public int modelKeys() {
        return modelKeys;
    }

    /** Bootstrapping's evaluation keys (relinearisation and Galois), besides its two keys of the sparse secret. */
    public int bootstrappingKeys() {
        return bootstrappingKeys;
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(path);
    }
}
