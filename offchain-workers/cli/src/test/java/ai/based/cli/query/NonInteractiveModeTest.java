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

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BasedCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
