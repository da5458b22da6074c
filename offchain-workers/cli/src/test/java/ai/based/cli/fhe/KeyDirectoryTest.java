package ai.based.cli.fhe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keygen --force moves the old key set aside, whole and owner-only, until the new one is written. */
class KeyDirectoryTest {
    @TempDir
    Path home;

    @Test
    void theOldKeysSurviveUntilTheNewSetIsCompleteAndAreThenRemoved() throws Exception {
        Path keys = home.resolve("keys");
        KeyDirectory dir = new KeyDirectory(keys);
        dir.write(KeyDirectory.PARAMS, "N8192".getBytes());
        dir.write(KeyDirectory.PUBLIC, new byte[] {1});
        dir.write("galois-5.key", new byte[] {2});
        Files.write(keys.resolve(KeyDirectory.SECRET), new byte[] {3});

        Path aside = dir.moveKeysAside();
        assertThat(dir.existingKeys()).as("nothing of the old set stays beside the new one").isEmpty();
        assertThat(aside.getParent()).isEqualTo(keys);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(aside))).isEqualTo("rwx------");
        assertThat(Files.readAllBytes(aside.resolve(KeyDirectory.SECRET))).as("a crash now still leaves the old secret key")
                .containsExactly(3);
        assertThat(aside.resolve("galois-5.key")).exists();

        KeyDirectory.deleteAside(aside);
        assertThat(aside).doesNotExist();
    }
}
