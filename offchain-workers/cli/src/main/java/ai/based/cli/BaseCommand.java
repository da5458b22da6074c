package ai.based.cli;

import ai.based.client.BasedHome;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every leaf command shares: the data directory, stdout for results and stderr for progress. */
public abstract class BaseCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Mixin
    protected HomeOptions homeOptions;

    protected BasedHome home() {
        return homeOptions.home();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected Progress progress() {
        return new Progress(spec.commandLine().getErr());
    }

    @Override
    public final Integer call() throws Exception {
        run();
        out().flush();
        return ExitCodes.OK;
    }

    protected abstract void run() throws Exception;
}
