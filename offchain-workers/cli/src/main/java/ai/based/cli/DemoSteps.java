package ai.based.cli;

import java.io.PrintWriter;

/** Numbered step lines of the demo. */
final class DemoSteps {
    private final PrintWriter out;
    private final int total;
    private int done;

    DemoSteps(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
    }

    void next(String what) {
        out.println("[" + ++done + "/" + total + "] " + what);
        out.flush();
    }
}
