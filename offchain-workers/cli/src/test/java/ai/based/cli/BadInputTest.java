package ai.based.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.tx.ContractRevertException;
import ai.based.chain.tx.DecodedRevert;
import ai.based.client.InsufficientFundsException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input found by trying the CLI as an attacker would (issue 14): each gets a message in the domain's words and the
 * exit code its meaning names, before anything reaches a chain. Runs the real command line in this JVM; no node is
 * started, and none is needed: every one of these is refused first.
 */
class BadInputTest {
    @TempDir
    Path home;

    record Result(int code, String out, String err) {}

    private Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--home");
        all.add(home.toString());
        int code = BasedCommand.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Path passwordFile() throws Exception {
        Path file = home.resolve("password.txt");
        Files.writeString(file, "correct horse battery staple\n");
        return file;
    }

    @Test
    void amountsNoTokenCanHoldAreUsageErrors() throws Exception {
        String twoTo256BaseUnits = "115792089237316195423570985008687907853269984665640564039457.584007913129639936";
        for (String amount : List.of("1e80", twoTo256BaseUnits, "1e999999999")) {
            Result r = run("bridge", "send", "--to", "ethereum", "--amount", amount, "--wallet", "alice");
            assertThat(r.code()).as(amount).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("is more than any token balance can hold").doesNotContain("Bit size");
        }
        Result justBelow = run("bridge", "send", "--to", "ethereum", "--amount",
                "115792089237316195423570985008687907853269984665640564039457.584007913129639935", "--wallet", "alice",
                "--password-file", passwordFile().toString());
        assertThat(justBelow.err()).as("2^256 - 1 base units parse; the missing wallet is the next complaint")
                .contains("no wallet named 'alice'");
        assertThat(justBelow.code()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    void zeroNegativeAndGarbageAmountsAreUsageErrors() {
        assertThat(run("bridge", "send", "--to", "basedai", "--amount", "0", "--wallet", "alice"))
                .satisfies(r -> assertThat(r.code()).isEqualTo(ExitCodes.USAGE))
                .satisfies(r -> assertThat(r.err()).contains("the amount must be more than 0"));
        assertThat(run("stake", "add", "--brain", "7", "--amount", "-3", "--wallet", "alice").err()).contains("must not be negative");
        assertThat(run("stake", "add", "--brain", "7", "--amount", "lots", "--wallet", "alice"))
                .satisfies(r -> assertThat(r.code()).isEqualTo(ExitCodes.USAGE))
                .satisfies(r -> assertThat(r.err()).contains("not an amount: 'lots'"));
    }

    @Test
    void aNegativeBrainNumberNamesNoBrain() {
        Result r = run("brains", "show", "-1");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("there is no Brain -1: Brains are numbered from 0").doesNotContain("Bit size");
        assertThat(run("stake", "add", "--brain", "-5", "--amount", "1", "--wallet", "alice").code()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aValidatorMustBeAWholeAddress() {
        Result garbage = run("stake", "add", "--brain", "7", "--validator", "0xZZZ", "--amount", "1", "--wallet", "alice");
        assertThat(garbage.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(garbage.err()).contains("'0xZZZ' is not an address: expected 0x followed by 40 hex digits")
                .doesNotContain("NumberFormatException");
        Result shortOne = run("stake", "add", "--brain", "7", "--validator", "0x1234", "--amount", "1", "--wallet", "alice");
        assertThat(shortOne.code()).as("0x1234 is no address; nothing is sent").isEqualTo(ExitCodes.USAGE);
        assertThat(shortOne.err()).contains("'0x1234' is not an address");
        Result badChecksum = run("stake", "add", "--brain", "7", "--validator", "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "--amount", "1", "--wallet", "alice");
        assertThat(badChecksum.err()).contains("fails its EIP-55 checksum");
    }

    @Test
    void walletMistakesSayWhatIsWrongWithTheirOwnCodes() throws Exception {
        Path password = passwordFile();
        assertThat(run("wallet", "create", "alice", "--password-file", password.toString()).code()).isEqualTo(ExitCodes.OK);
        Result again = run("wallet", "create", "alice", "--password-file", password.toString());
        assertThat(again.code()).as("an existing name is refused, not 'not found'").isEqualTo(ExitCodes.REFUSED);
        assertThat(again.err()).contains("wallet 'alice' already exists");

        Path key = home.resolve("key.txt");
        Files.writeString(key, "not a key at all\n");
        Result garbage = run("wallet", "import", "bob", "--private-key-file", key.toString(), "--password-file", password.toString());
        assertThat(garbage.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(garbage.err()).contains("the key is not a private key");

        Result missing = run("wallet", "create", "carol", "--password-file", home.resolve("nope.txt").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("password file", "does not exist");
    }

    @Test
    void everySubcommandTakesHelp() {
        Result r = run("emissions", "post", "--help");
        assertThat(r.code()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("Usage: based emissions post", "--close");
        assertThat(run("bridge", "refund", "--help").out()).contains("Usage: based bridge refund");
    }

    @Test
    void lacksOfFundsExitInsufficientFundsWhereverTheyAreFound() {
        var revert = new ContractRevertException("transaction", new DecodedRevert("BasedToken", "ERC20InsufficientBalance",
                List.of("sender", "balance", "needed"), List.of("0x01", BigInteger.ONE, BigInteger.TWO)));
        assertThat(ErrorReporter.exitCode(revert)).as("a revert the pre-check missed").isEqualTo(ExitCodes.INSUFFICIENT_FUNDS);
        assertThat(ErrorReporter.exitCode(new InsufficientFundsException("x"))).isEqualTo(ExitCodes.INSUFFICIENT_FUNDS);
        assertThat(ErrorReporter.exitCode(new IllegalArgumentException("a bug"))).as("a JDK exception is no usage error")
                .isEqualTo(ExitCodes.FAILURE);
    }
}
