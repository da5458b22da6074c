package ai.based.cli.fhe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.fhe.io.KeySetId;
import ai.based.fhe.io.MalformedInputException;
import ai.based.client.wallet.WrongPasswordException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sealed secret-key file and the owner-only files it is written to; the CKKS key itself is just bytes here. */
class SecretKeyFileTest {
    private static final byte[] SECRET = "stand-in for a serialized CKKS secret key".getBytes(StandardCharsets.UTF_8);
    private static final KeySetId KEY_SET = KeySetId.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});

    @Test
    void sealedWithTheKdfParametersVersionAndKeySetInTheFile() {
        byte[] file = SecretKeyFile.seal(SECRET, KEY_SET, "correct horse");
        assertThat(Arrays.copyOf(file, 4)).asString(StandardCharsets.US_ASCII).isEqualTo("BSKF");
        assertThat(file[4]).as("format version").isEqualTo((byte) 2);
        int iterations = ByteBuffer.wrap(file, 6, 4).getInt();
        assertThat(iterations).as("PBKDF2 iterations stored in the file").isGreaterThanOrEqualTo(600_000);
        assertThat(SecretKeyFile.header(file).keySet()).isEqualTo(KEY_SET);
        assertThat(SecretKeyFile.open(file, "correct horse")).isEqualTo(SECRET);
        assertThatThrownBy(() -> SecretKeyFile.open(file, "wrong horse")).isInstanceOf(WrongPasswordException.class);
    }

    @Test
    void theHeaderIsAuthenticated() {
        byte[] file = SecretKeyFile.seal(SECRET, KEY_SET, "correct horse");
        byte[] otherKeySet = file.clone();
        int keySetStart = 4 + 1 + 1 + 4 + 1 + 16 + 12; // magic, version, KDF, iterations, salt length, salt, nonce
        otherKeySet[keySetStart] ^= 1;
        assertThat(SecretKeyFile.header(otherKeySet).keySet()).isNotEqualTo(KEY_SET);
        assertThatThrownBy(() -> SecretKeyFile.open(otherKeySet, "correct horse")).isInstanceOf(WrongPasswordException.class);
        byte[] fewerIterations = file.clone();
        ByteBuffer.wrap(fewerIterations).putInt(6, 1_000);
        assertThatThrownBy(() -> SecretKeyFile.open(fewerIterations, "correct horse")).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("1000 PBKDF2 iterations");
    }

    @Test
    void anEmptyPasswordSealsNothing() {
        assertThatThrownBy(() -> SecretKeyFile.seal(SECRET, KEY_SET, "")).hasMessageContaining("must not be empty");
    }

    @Test
    void theOldFormatIsRefusedWithWhatToDo() {
        byte[] formatOne = new byte[16 + 12 + SECRET.length + 16]; // salt, nonce, sealed key: how the first format was laid out
        new java.util.Random(1).nextBytes(formatOne);
        assertThatThrownBy(() -> SecretKeyFile.open(formatOne, "correct horse")).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("older based").hasMessageContaining("based fhe keygen --force");
    }

    @Test
    void ownerOnlyFilesHaveTheirPermissionsBeforeTheirFirstByte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secret");
        try (OutputStream out = KeyDirectory.createOwnerOnly(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            out.write(SECRET);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThatThrownBy(() -> KeyDirectory.createOwnerOnly(file)).as("an existing file is never reused").hasMessageContaining("appeared");
    }
}
