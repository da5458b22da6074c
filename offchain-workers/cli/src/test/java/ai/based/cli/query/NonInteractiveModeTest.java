package ai.based.cli.query;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.cli.BasedCommand;
import ai.based.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Non-interactive queries and miners need a model whose attention divisor is bounded: a model that divides by an
 * unbounded sum is refused by name, with what to use instead, before any key is made or any port opened.
 */
class NonInteractiveModeTest {

    @Test
    void aQueryOfAnUnboundedModelIsRefusedWithWhatToUse(@TempDir Path home) throws Exception {
        Path prompt = Files.writeString(home.resolve("prompt.txt"), "In the beginning\n");
        Result result = run("query", "--non-interactive", "--local", "--model", "tiny", "--prompt-file", prompt.toString(), "--home", home.toString());
        assertThat(result.code).as(result.err).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err).contains("tiny divides attention by an unbounded sum").contains("tiny-bounded");
        assertThat(result.out).doesNotContain("client keys");
    }

    @Test
    void aMinerOfAnUnboundedModelIsRefusedBeforeItServes(@TempDir Path home) {
        Result result = run("miner", "start", "--offline", "--model", "tiny", "--non-interactive", "--home", home.toString());
        assertThat(result.code).as(result.err).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err).contains("tiny divides attention by an unbounded sum").contains("tiny-bounded");
        assertThat(result.out).doesNotContain("miner serving");
    }

    @Test
    void bothModesAtOnceAreRefused(@TempDir Path home) throws Exception {
        Path prompt = Files.writeString(home.resolve("prompt.txt"), "In the beginning\n");
        Result result = run("query", "--non-interactive", "--interactive", "--local", "--model", "tiny-bounded", "--prompt-file", prompt.toString(),
                "--home", home.toString());
        assertThat(result.code).as(result.err).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err).contains("--interactive or --non-interactive, not both");
    }

    /**
     * A model that runs without round trips is queried so by default, and the miners are asked before the key set is
     * made (half a minute and 4 GB of disk): with none serving the mode, the query stops first and says how to query
     * with round trips. With --interactive, or a model that needs round trips, there is no such default.
     */
    @Test
    void aBoundedModelIsQueriedWithoutRoundTripsByDefaultAndTheMinersAreAskedBeforeAnyKey(@TempDir Path home) throws Exception {
        Path prompt = Files.writeString(home.resolve("prompt.txt"), "In the beginning\n");
        String[] nobody = {"--miner", "https://127.0.0.1:1", "--pin", "ab".repeat(32), "--prompt-file", prompt.toString(), "--home", home.toString()};
        Result bounded = run(concat(new String[] {"query", "--model", "tiny-bounded"}, nobody));
        assertThat(bounded.code).as(bounded.err).isNotEqualTo(ExitCodes.OK);
        assertThat(bounded.err).contains("tiny-bounded runs without client round trips: querying non-interactively")
                .contains("no miner answered").contains("--interactive asks miners that serve round trips");
        assertThat(bounded.out).doesNotContain("client keys");
        assertThat(home.resolve("query-keys")).as("no key set made").doesNotExist();

        Result forced = run(concat(new String[] {"query", "--model", "tiny-bounded", "--interactive"}, nobody));
        assertThat(forced.err).contains("no miner answered").doesNotContain("querying non-interactively").doesNotContain("--interactive asks");
        Result unbounded = run(concat(new String[] {"query", "--model", "tiny"}, nobody));
        assertThat(unbounded.err).contains("no miner answered").doesNotContain("querying non-interactively");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BasedCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
