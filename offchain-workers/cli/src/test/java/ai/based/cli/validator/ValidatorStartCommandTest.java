package ai.based.cli.validator;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.cli.BasedCommand;
import ai.based.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `based validator start` refuses what it cannot run with, in words, before any chain or model is touched. */
class ValidatorStartCommandTest {
    @TempDir
    Path home;

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--home", home.toString()));
        int code = BasedCommand.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void aValidatorNeedsABrainAWalletAndSaneNumbers() {
        String[] noWallet = run("validator", "start", "--brain", "7");
        assertThat(Integer.parseInt(noWallet[0])).isEqualTo(ExitCodes.USAGE);
        assertThat(noWallet[1]).contains("give --brain N and --wallet NAME");

        String[] noTokens = run("validator", "start", "--brain", "7", "--wallet", "v", "--tokens", "0");
        assertThat(Integer.parseInt(noTokens[0])).isEqualTo(ExitCodes.USAGE);
        assertThat(noTokens[1]).contains("--tokens must be at least 1");

        String[] negativeBrain = run("validator", "start", "--brain", "-1", "--wallet", "v");
        assertThat(Integer.parseInt(negativeBrain[0])).isEqualTo(ExitCodes.USAGE);
    }
}
