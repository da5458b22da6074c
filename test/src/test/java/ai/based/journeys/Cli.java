package ai.based.journeys;

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
