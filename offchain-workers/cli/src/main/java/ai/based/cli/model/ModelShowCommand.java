package ai.based.cli.model;

import ai.based.cli.BaseCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "A model package's card: shape, training, validation perplexity against the unigram baseline.")
public final class ModelShowCommand extends BaseCommand {
    @Parameters(paramLabel = "DIR|NAME", description = "a package directory, the name of one under <home>/models, or 'tiny' "
            + "for the package shipped with the project")
    String where;

    @Override
    protected void run() {
        PackageLocator.Located located = PackageLocator.locate(home(), where);
        out().println(located.model().card().summary());
        out().println("content id: " + located.id() + " (what 'based brain configure --model' records on chain)");
        out().println("trained on " + located.model().card().trainedOn() + "; " + located.model().weights().all().size()
                + " tensors in " + located.where());
    }
}
