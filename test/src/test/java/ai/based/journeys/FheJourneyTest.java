package ai.based.journeys;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.cli.ExitCodes;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A user's CKKS keys and ciphertexts through the CLI, with the bad inputs a user meets. */
@Tag("model")
class FheJourneyTest {

    @Test
    void keygenEncryptDecryptAndRefusals() throws Exception {
        Path dir = Files.createTempDirectory("based-fhe-");
        Cli cli = new Cli(dir.resolve("home"));
        Path password = Files.writeString(dir.resolve("pw"), "ckks pass\n");
        Path wrong = Files.writeString(dir.resolve("wrong"), "nope\n");
        Path values = Files.writeString(dir.resolve("v.json"), "[0.5, -0.25, 3.0, 1e-3]");
        String keys = dir.resolve("keys").toString();

        assertThat(cli.ok("fhe", "params", "--params", "N16384").out()).contains("log QP 360", "128-bit", "8192 slots", "depth 6");
        cli.ok("fhe", "keygen", "--keys", keys, "--params", "N8192", "--password-file", password.toString());
        assertThat(Files.getPosixFilePermissions(dir.resolve("keys/secret.key.enc")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
        cli.ok("fhe", "encrypt", "--keys", keys, "--in", values.toString(), "--out", dir.resolve("ct.bin").toString());

        String printed = cli.ok("fhe", "decrypt", "--keys", keys, "--in", dir.resolve("ct.bin").toString(), "--count", "4",
                "--password-file", password.toString()).out();
        double[] decrypted = new ObjectMapper().readValue(printed, double[].class);
        double[] expected = {0.5, -0.25, 3.0, 1e-3};
        for (int i = 0; i < 4; i++) assertThat(decrypted[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-6));

        assertThat(cli.expect(ExitCodes.WRONG_PASSWORD, "fhe", "decrypt", "--keys", keys, "--in", dir.resolve("ct.bin").toString(),
                "--password-file", wrong.toString()).err()).contains("cannot open the CKKS secret key: wrong password");
        byte[] bytes = Files.readAllBytes(dir.resolve("ct.bin"));
        Files.write(dir.resolve("cut.bin"), Arrays.copyOf(bytes, 100));
        assertThat(cli.expect(ExitCodes.USAGE, "fhe", "decrypt", "--keys", keys, "--in", dir.resolve("cut.bin").toString(),
                "--password-file", password.toString()).err()).contains("truncated");
        Files.writeString(dir.resolve("bad.json"), "{\"not\": \"an array\"}");
        assertThat(cli.expect(ExitCodes.USAGE, "fhe", "encrypt", "--keys", keys, "--in", dir.resolve("bad.json").toString(),
                "--out", dir.resolve("x.bin").toString()).err()).contains("expected a JSON array of numbers");
        assertThat(cli.expect(ExitCodes.USAGE, "fhe", "params", "--params", "N4096").err()).contains("unknown parameter set");
    }

    @Test
    void keysAreOwnerOnlyNeverReplacedSilentlyAndCiphertextsKnowTheirKeySet() throws Exception {
        Path dir = Files.createTempDirectory("based-fhe-keys-");
        Cli cli = new Cli(dir.resolve("home"));
        Path password = Files.writeString(dir.resolve("pw"), "ckks pass\n");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        Path values = Files.writeString(dir.resolve("v.json"), "[0.5, -0.25]");
        Path mine = dir.resolve("mine");
        Path theirs = dir.resolve("theirs");

        assertThat(cli.expect(ExitCodes.USAGE, "fhe", "keygen", "--keys", mine.toString(), "--params", "N8192",
                "--password-file", empty.toString()).err()).contains("must not be empty");
        assertThat(mine).as("an empty password writes no key at all").doesNotExist();

        cli.ok("fhe", "keygen", "--keys", mine.toString(), "--params", "N8192", "--password-file", password.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mine))).isEqualTo("rwx------");
        byte[] publicKey = Files.readAllBytes(mine.resolve("public.key"));
        assertThat(cli.expect(ExitCodes.USAGE, "fhe", "keygen", "--keys", mine.toString(), "--params", "N8192",
                "--password-file", password.toString()).err()).contains("keys already in", "--force");
        assertThat(Files.readAllBytes(mine.resolve("public.key"))).as("refused keygen left the keys alone").isEqualTo(publicKey);

        Path ct = dir.resolve("ct.bin");
        cli.ok("fhe", "encrypt", "--keys", mine.toString(), "--in", values.toString(), "--out", ct.toString());
        cli.ok("fhe", "keygen", "--keys", theirs.toString(), "--params", "N8192", "--password-file", password.toString());
        assertThat(cli.expect(ExitCodes.USAGE, "fhe", "decrypt", "--keys", theirs.toString(), "--in", ct.toString(),
                "--password-file", password.toString()).err()).contains("encrypted for key set", "not for these keys");

        cli.ok("fhe", "keygen", "--keys", mine.toString(), "--params", "N8192", "--password-file", password.toString(), "--force");
        assertThat(Files.readAllBytes(mine.resolve("public.key"))).isNotEqualTo(publicKey);
        try (var left = Files.list(mine)) {
            assertThat(left.map(f -> f.getFileName().toString())).as("the old keys, moved aside while writing, are gone")
                    .noneMatch(name -> name.startsWith("replaced-"));
        }
        assertThat(cli.expect(ExitCodes.USAGE, "fhe", "decrypt", "--keys", mine.toString(), "--in", ct.toString(),
                "--password-file", password.toString()).err()).as("the replaced keys' ciphertext").contains("encrypted for key set");
    }
}
