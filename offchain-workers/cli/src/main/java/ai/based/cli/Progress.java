package ai.based.cli;

import java.io.PrintWriter;
import java.util.function.Consumer;

/** Progress lines of long steps (node start, deployment, receipts), on stderr so stdout stays parseable. */
public final class Progress implements Consumer<String> {
    private final PrintWriter err;

    public Progress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void accept(String line) {
        err.println("  .. " + line);
        err.flush();
    }
}
