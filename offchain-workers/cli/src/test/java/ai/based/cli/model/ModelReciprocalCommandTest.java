package ai.based.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.cli.BasedCommand;
import ai.based.cli.ExitCodes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `based model reciprocal` measures the bundled bounded model, and refuses a model or an interval it cannot use. */
class ModelReciprocalCommandTest {
    private static int run(Path home, StringWriter out, StringWriter err, String... args) {
        String[] full = new String[args.length + 4];
        full[0] = "model";
        full[1] = "reciprocal";
        System.arraycopy(args, 0, full, 2, args.length);
        full[args.length + 2] = "--home";
        full[args.length + 3] = home.toString();
        return BasedCommand.run(full, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void reportsTheIntervalTheDivisorsAndTheAgreement(@TempDir Path home) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(home, out, err, "tiny-bounded", "--prompts", "5")).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("reciprocal on [1.00, 256], 8 doublings, depth 10", "next-token argmax agreement 100.00%",
                "bounded (exact division) vs tiny");
    }

    @Test
    void anOriginalModelGetsItsDenominatorStudyOnly(@TempDir Path home) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(run(home, out, err, "tiny", "--prompts", "5")).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("tiny: original Power-Softmax, no bounded divisor", "based model bound tiny").doesNotContain("agreement");
    }

    @Test
    void anIntervalBelowTheCeilingIsAUsageError(@TempDir Path home) {
        StringWriter narrow = new StringWriter();
        assertThat(run(home, new StringWriter(), narrow, "tiny-bounded", "--high", "32")).isEqualTo(ExitCodes.USAGE);
        assertThat(narrow.toString()).contains("must reach the ceiling 64.0");
    }
}
