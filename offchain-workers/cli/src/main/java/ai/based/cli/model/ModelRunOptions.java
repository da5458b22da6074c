package ai.based.cli.model;

import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.client.BasedHome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --threads and --out for the commands that run the model and write a package (train, import, squeeze). */
final class ModelRunOptions {
    @Option(names = "--threads", description = "PyTorch threads (default: all cores)")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the package (default: <home>/models/<name>)")
    Path out;

    /** Sets up DJL before any of its classes load. */
    void startDjl() {
        DjlSettings.apply(threads != null ? threads : Runtime.getRuntime().availableProcessors());
    }

    /** Writes the package to --out or <home>/models/<its name> and tells the user what it is and where. */
    void save(BasedHome home, ModelPackage model, PrintWriter out) throws IOException {
        Path dir = this.out != null ? this.out : home.root().resolve("models").resolve(model.config().name());
        model.save(dir);
        out.println(model.card().summary());
        out.println("package written to " + dir);
    }
}
