package ai.based.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.cli.BasedCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code bench ckks --bootstrap} refuses an unknown parameter set or run count before generating any key. */
class BootstrapBenchOptionTest {
    @Test
    void anUnknownSetAndAZeroRunCountAreRefusedWithWhatIsAccepted() {
        StringWriter err = new StringWriter();
        int code = BasedCommand.run(new String[] {"bench", "ckks", "--bootstrap", "--bootstrap-set", "N17"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--bootstrap-set must be N16, N16L4, N16M, N16F or N15, not N17");
        StringWriter err2 = new StringWriter();
        code = BasedCommand.run(new String[] {"bench", "ckks", "--bootstrap", "--bootstrap-runs", "0"},
                new PrintWriter(new StringWriter()), new PrintWriter(err2));
        assertThat(code).isNotZero();
        assertThat(err2.toString()).contains("--bootstrap-runs must be at least 1");
    }

    /** {@code bench zkllm} refuses both refresh modes at once, a prompt length out of the context and an unknown backend, before any key. */
    @Test
    void theRefreshModesOfTheModelBenchAreRefusedTogetherAndWithABadPromptLength() {
        StringWriter err = new StringWriter();
        int code = BasedCommand.run(new String[] {"bench", "zkllm", "--bootstrapped-refresh", "--non-interactive"},
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("--bootstrapped-refresh or --non-interactive, not both");
        StringWriter err2 = new StringWriter();
        code = BasedCommand.run(new String[] {"bench", "zkllm", "--non-interactive", "--prompt-tokens", "65"},
                new PrintWriter(new StringWriter()), new PrintWriter(err2));
        assertThat(code).isNotZero();
        assertThat(err2.toString()).contains("--prompt-tokens must be in 1..64");
        StringWriter err3 = new StringWriter();
        code = BasedCommand.run(new String[] {"bench", "zkllm", "--backend", "tpu"}, new PrintWriter(new StringWriter()), new PrintWriter(err3));
        assertThat(code).isNotZero();
        assertThat(err3.toString()).contains("--backend takes gpu, cpu, cpu-avx2 or cpu-scalar, got tpu");
        assertThat(System.getProperty("based.ckks.backend")).as("a refused choice sets nothing").isNull();
    }

    /** A resumed agreement run must start inside the prompts it measures: a negative start or one past them is refused. */
    @Test
    void anAgreementStartOutsideThePromptsIsRefused() {
        for (String from : new String[] {"-1", "201"}) {
            StringWriter err = new StringWriter();
            int code = BasedCommand.run(new String[] {"bench", "zkllm", "--non-interactive", "--agreement-only", "--agreement-from", from},
                    new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertThat(code).isNotZero();
            assertThat(err.toString()).contains("--agreement-from must be in 0..200");
        }
    }
}
