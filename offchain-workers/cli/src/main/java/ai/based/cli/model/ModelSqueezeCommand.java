package ai.based.cli.model;

import ai.based.cli.BaseCommand;
import ai.based.fhe.zkllm.model.ModelCard;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.TokenStream;
import ai.based.fhe.zkllm.model.Weights;
import ai.based.fhe.zkllm.squeeze.CerberusSqueeze;
import ai.based.fhe.zkllm.squeeze.FheCostModel;
import ai.based.fhe.zkllm.squeeze.HeadRef;
import ai.based.fhe.zkllm.squeeze.HeadSurgery;
import ai.based.fhe.zkllm.text.Corpus;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "squeeze", description = "Cerberus Squeezing, head selection: measure each head's significance by ablation on "
        + "calibration text, prune the insignificant heads (--threshold), all but the most significant (--keep), or what exceeds an "
        + "encrypted-cost budget (--budget, from the FHE cost model), report perplexity and encrypted cost before and after, and write "
        + "the squeezed package.")
public final class ModelSqueezeCommand extends BaseCommand {
    @Parameters(paramLabel = "DIR|NAME")
    String where;

    @ArgGroup(multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Option(names = "--threshold", paramLabel = "THETA", description = "prune heads whose loss increase is below THETA (nats)")
        Double theta;

        @Option(names = "--keep", paramLabel = "K", description = "keep the K most significant heads (a head budget)")
        Integer keep;

        @Option(names = "--budget", paramLabel = "FRACTION", description = "keep the most significance whose encrypted cost (key "
                + "switches of one pass over a full context, from the FHE cost model) is at most FRACTION of the unsqueezed model's")
        Double budget;
    }

    @Option(names = "--windows", defaultValue = "32", description = "64-token windows of calibration and of evaluation text (default: ${DEFAULT-VALUE})")
    int windows;

    @Mixin
    ModelRunOptions run;

    @Override
    protected void run() throws Exception {
        run.startDjl();
        ModelPackage model = PackageLocator.locate(home(), where).model();
        ModelConfig config = model.config();
        var splits = TokenStream.Splits.of(Corpus.kjv(), model.tokenizer());
        TokenStream heldOut = splits.heldOut();
        CerberusSqueeze.Significance s = CerberusSqueeze.significance(config, model.weights(), splits.training(), windows, progress());
        FheCostModel cost = new FheCostModel(config, config.context());
        int[] all = new int[config.layers()];
        java.util.Arrays.fill(all, config.heads());
        long full = cost.total(all);
        List<HeadRef> pruned;
        if (selection.budget != null) {
            if (!(selection.budget > 0 && selection.budget <= 1)) throw new IllegalArgumentException("--budget is a fraction in (0, 1], got " + selection.budget);
            pruned = cost.selectWithinBudget(s, (long) Math.floor(selection.budget * full),
                    heads -> CerberusSqueeze.loss(config, HeadSurgery.prune(config, model.weights(), heads), splits.training(), windows));
        } else {
            pruned = selection.theta != null ? CerberusSqueeze.belowThreshold(s, selection.theta) : CerberusSqueeze.keepMostSignificant(s, selection.keep);
        }
        Weights squeezed = HeadSurgery.prune(config, model.weights(), pruned);
        double before = CerberusSqueeze.loss(config, model.weights(), heldOut, windows);
        double after = CerberusSqueeze.loss(config, squeezed, heldOut, windows);

        out().println("head   significance (nats)   kept");
        for (HeadRef h : s.ranked()) out().printf("%-6s %+19.4f   %s%n", h, s.byHead().get(h), pruned.contains(h) ? "no" : "yes");
        int heads = config.layers() * config.heads();
        out().printf("heads kept %d of %d; held-out perplexity %.2f -> %.2f (%+.1f%%) over %d windows%n", heads - pruned.size(), heads,
                Math.exp(before), Math.exp(after), 100 * (Math.exp(after - before) - 1), windows);
        long squeezedCost = cost.total(cost.keptPerLayer(pruned));
        double perSwitch = FheCostModel.secondsPerKeySwitch();
        out().printf("heads kept per layer %s; encrypted cost of one %d-token pass: %,d -> %,d key switches (%.0f%%); estimated %.1f s -> %.1f s "
                + "single-threaded at %.1f ms per key switch (measured now); depth per layer 7 levels + 1 for the logits, 3 client round trips "
                + "(measure with 'based bench zkllm')%n", java.util.Arrays.toString(cost.keptPerLayer(pruned)), config.context(), full, squeezedCost,
                100.0 * squeezedCost / full, full * perSwitch, squeezedCost * perSwitch, perSwitch * 1e3);

        ModelConfig renamed = config.renamed(config.name() + "-squeezed");
        ModelCard card = new ModelCard(renamed, model.card().parameters(), model.card().tokensSeen(), model.card().trainingSeconds(),
                after, model.card().unigramLoss(), windows * config.context(), model.card().threads(), model.card().trainedOn());
        run.save(home(), new ModelPackage(renamed, model.tokenizer(), squeezed, card), out());
    }
}
