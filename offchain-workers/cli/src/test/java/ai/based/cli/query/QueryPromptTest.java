package ai.based.cli.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.cli.BasedCommand;
import ai.based.cli.ExitCodes;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prompt of an encrypted query never travels on the command line, where /proc shows it to every local user. */
class QueryPromptTest {

    @Test
    void aPromptOnTheCommandLineIsRefusedBeforeAnythingRuns(@TempDir Path home) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BasedCommand.run(new String[] {"query", "my private question", "--model", home.resolve("no-such-model").toString(),
                "--home", home.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("/proc", "--prompt-file");
        assertThat(out.toString()).doesNotContain("my private question");
    }

    @Test
    void thePromptComesFromAFileOrStandardInput(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("prompt.txt"), "In the beginning\n");
        assertThat(PromptInput.read(file, new ByteArrayInputStream(new byte[0]))).isEqualTo("In the beginning");
        var stdin = new ByteArrayInputStream("  God created\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(PromptInput.read(null, stdin)).isEqualTo("  God created");
        assertThatThrownBy(() -> PromptInput.read(null, new ByteArrayInputStream("\n".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("no prompt in standard input");
        assertThatThrownBy(() -> PromptInput.read(dir.resolve("missing.txt"), null)).hasMessageContaining("cannot read the prompt from");
    }
}
