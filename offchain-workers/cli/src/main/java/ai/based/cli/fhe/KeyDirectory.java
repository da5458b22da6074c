package ai.based.cli.fhe;

import ai.based.client.InvalidInputException;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.io.KeySetId;
import ai.based.fhe.io.Serializer;
import ai.based.fhe.rlwe.SecretKey;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A user's CKKS key directory: the parameter set's name, the public and evaluation keys in the clear (a miner
 * needs them), and the secret key sealed with the user's password ({@link SecretKeyFile}). The directory is made
 * owner-only (0700) and the secret key file is owner-only (0600) from its creation on, never widened and narrowed.
 */
final class KeyDirectory {
    static final String PARAMS = "params";
    static final String SECRET = "secret.key.enc";
    static final String PUBLIC = "public.key";
    static final String RELIN = "relin.key";
    private static final String GALOIS_GLOB = "galois-*.key";
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path dir;

    KeyDirectory(Path dir) {
        this.dir = dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    Parameters parameters() {
        return Parameters.create(ParameterSets.byName(read(PARAMS, "the parameter set").strip()));
    }

    /** The key files already here: keygen refuses to replace them unless forced, since that loses the secret key. */
    List<Path> existingKeys() {
        List<Path> found = new ArrayList<>();
        for (String name : List.of(SECRET, PUBLIC, RELIN, PARAMS)) {
            if (Files.exists(file(name))) found.add(file(name));
        }
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> galois = Files.newDirectoryStream(dir, GALOIS_GLOB)) {
                galois.forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        return found;
    }

    /**
     * Moves the key files of a previous key set (keygen --force) into a fresh owner-only folder beside them, so that no
     * stale Galois key stays beside the new ones and a crash before the new secret key is written loses nothing: the
     * old keys are still in that folder. The caller deletes it once the new set is complete.
     */
    Path moveKeysAside() {
        try {
            Path aside = Files.createDirectory(dir.resolve("replaced-" + System.currentTimeMillis()), OWNER_ONLY_DIR);
            for (Path key : existingKeys()) Files.move(key, aside.resolve(key.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the old keys aside in " + dir, e);
        }
    }

    /** Deletes a folder {@link #moveKeysAside} made, once the new key set is written. */
    static void deleteAside(Path aside) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(aside)) {
            for (Path file : files) Files.delete(file);
            Files.delete(aside);
        } catch (IOException e) {
            throw new UncheckedIOException("the new keys are in place, but the old ones could not be removed from " + aside, e);
        }
    }

    void writeSecret(Serializer serializer, SecretKey sk, KeySetId keySet, String password) {
        writeOwnerOnly(SECRET, SecretKeyFile.seal(serializer.write(sk), keySet, password));
    }

    /** The key set the secret key belongs to, from its file's header (authenticated when the key is opened). */
    KeySetId keySet() {
        return SecretKeyFile.header(bytes(SECRET, "the secret key")).keySet();
    }

    SecretKey readSecret(Serializer serializer, String password) {
        return serializer.readSecretKey(SecretKeyFile.open(bytes(SECRET, "the secret key"), password));
    }

    byte[] bytes(String name, String what) {
        try {
            return Files.readAllBytes(file(name));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + what + " from " + file(name) + " (run 'based fhe keygen --keys " + dir + "')");
        }
    }

    String read(String name, String what) {
        return new String(bytes(name, what), StandardCharsets.UTF_8);
    }

    void write(String name, byte[] content) {
        try {
            createDirectory();
            Files.write(file(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(name), e);
        }
    }

    /** Written to a fresh owner-only file beside the target, then moved over it in one step. */
    private void writeOwnerOnly(String name, byte[] content) {
        Path partial = file(name + ".partial");
        try {
            createDirectory();
            Files.deleteIfExists(partial);
            try (OutputStream out = createOwnerOnly(partial)) {
                out.write(content);
            }
            Files.move(partial, file(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file(name), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // the move succeeded or the write failed already; nothing more to say
            }
        }
    }

    /** A new file readable and writable by its owner only, from its first byte on; refuses to reuse an existing file. */
    static OutputStream createOwnerOnly(Path file) throws IOException {
        try {
            return Files.newOutputStream(Files.createFile(file, OWNER_ONLY_FILE));
        } catch (UnsupportedOperationException e) {
            throw new IOException("the file system of " + file + " has no POSIX permissions: keep CKKS keys on one that has", e);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(file + " appeared while keys were written: is another keygen running?", e);
        }
    }

    private void createDirectory() throws IOException {
        if (!Files.isDirectory(dir)) Files.createDirectories(dir, OWNER_ONLY_DIR);
    }
}
