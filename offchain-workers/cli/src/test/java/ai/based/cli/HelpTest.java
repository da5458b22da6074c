package ai.based.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers --help with its usage and exit code 0, without doing anything else. */
class HelpTest {
    @Test
    void everyCommandAnswersHelp() {
        List<List<String>> paths = new ArrayList<>();
        collect(new CommandLine(new BasedCommand()), new ArrayList<>(), paths);
        assertThat(paths).as("the whole command tree").hasSizeGreaterThan(40);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = BasedCommand.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
            assertThat(code).as("based %s --help: %s", String.join(" ", path), err).isZero();
            assertThat(out.toString()).as("based %s --help", String.join(" ", path)).contains("Usage: based");
        }
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        for (var sub : command.getSubcommands().entrySet()) {
            if (!sub.getValue().getCommandName().equals(sub.getKey())) continue; // an alias
            List<String> next = new ArrayList<>(path);
            next.add(sub.getKey());
            collect(sub.getValue(), next, into);
        }
    }
}
