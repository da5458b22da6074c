package ai.based.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.cli.BasedCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the based command in this JVM against one data directory and captures what it prints. */
final class Cli {
    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final Path home;

    Cli(Path home) {
        this.home = home;
    }

    /** Runs and asserts success; returns what it printed. */
    Result ok(String... args) {
        return expect(0, args);
    }

    /** Runs and asserts the exit code. */
    Result expect(int exitCode, String... args) {
        Result result = run(args);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(exitCode);
        return result;
    }

    /** The arguments followed by --wallet NAME --password-file FILE. */
    static String[] signedBy(String wallet, Path passwordFile, String... args) {
        List<String> full = new ArrayList<>(List.of(args));
        full.addAll(List.of("--wallet", wallet, "--password-file", passwordFile.toString()));
        return full.toArray(String[]::new);
    }

    Result run(String... args) {
        List<String> full = new ArrayList<>(List.of(args));
        full.add("--home");
        full.add(home.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = BasedCommand.run(full.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
