package ai.based.cli.model;

import ai.based.cli.BaseCommand;
import ai.based.fhe.zkllm.model.ModelPackage;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "A model package's card: shape, training, validation perplexity against the unigram baseline.")
public final class ModelShowCommand extends BaseCommand {
    @Parameters(paramLabel = "DIR|NAME", description = "a package directory, the name of one under <home>/models, or 'tiny' "
            + "for the package shipped with the project")
    String where;

    @Override
    protected void run() throws Exception {
        Path dir = Path.of(where);
        if (!Files.isDirectory(dir)) dir = home().root().resolve("models").resolve(where);
        ModelPackage model;
        try {
            boolean bundled = !Files.isDirectory(dir) && !where.contains("/");
            model = bundled ? ModelPackage.bundled(where) : ModelPackage.load(dir);
            if (bundled) dir = Path.of("(bundled in the jar)");
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        out().println(model.card().summary());
        out().println("trained on " + model.card().trainedOn() + "; " + model.weights().all().size() + " tensors in " + dir);
    }
}
