package ai.based.cli.model;

import ai.based.client.InvalidInputException;
import ai.based.cli.BaseCommand;
import ai.based.fhe.zkllm.model.ModelCard;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.TokenStream;
import ai.based.fhe.zkllm.model.Weights;
import ai.based.fhe.zkllm.squeeze.CerberusSqueeze;
import ai.based.fhe.zkllm.squeeze.DynamicQuantization;
import ai.based.fhe.zkllm.squeeze.HeadRef;
import ai.based.fhe.zkllm.squeeze.HeadSurgery;
import ai.based.fhe.zkllm.text.Corpus;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "squeeze", description = "Cerberus Squeezing: measure each head's significance by ablation on calibration text, "
        + "prune the insignificant heads (--threshold), all but the most significant (--keep), or what exceeds an encrypted-cost budget "
        + "(--budget, from the FHE cost model), fine-tune with the pruned heads held at zero, report heads, operations, depth, estimated "
        + "and measured encrypted latency and perplexity before and after, and write the squeezed package.")
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

    @Option(names = "--fine-tune", defaultValue = "300", paramLabel = "STEPS", description = "training steps after pruning, the pruned "
            + "heads held at zero (0: none; default: ${DEFAULT-VALUE})")
    int fineTuneSteps;

    @Option(names = "--quantize", negatable = true, defaultValue = "true", fallbackValue = "true", description = "dynamic quantization "
            + "(whitepaper §5.1) of the weights, with quantization-aware fine-tuning (default: on; --no-quantize for none)")
    boolean quantize;

    @Option(names = "--levels", defaultValue = "256", description = "quantization levels L (default: ${DEFAULT-VALUE})")
    int levels;

    @Option(names = "--sigma-threshold", defaultValue = "0.1", paramLabel = "T", description = "a sample wider than T is scaled by alpha, "
            + "others by 1/alpha (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--alpha", defaultValue = "0.5", description = "the adaptive scaling factor (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--measure-tokens", defaultValue = "32", paramLabel = "T", description = "prompt length of the report's encrypted passes; "
            + "0 reports estimates only (default: ${DEFAULT-VALUE})")
    int measureTokens;

    @Mixin
    ModelRunOptions run;

    @Override
    protected void run() throws Exception {
        run.startDjl();
        ModelPackage model = PackageLocator.locate(home(), where).model();
        ModelConfig config = model.config();
        if (measureTokens < 0 || measureTokens > config.context()) throw new InvalidInputException("--measure-tokens must be in 0.." + config.context());
        DynamicQuantization quantization = quantize ? new DynamicQuantization(levels, threshold, alpha, 1.0) : null;
        var splits = TokenStream.Splits.of(Corpus.kjv(), model.tokenizer());
        TokenStream heldOut = splits.heldOut();
        CerberusSqueeze.Significance s = CerberusSqueeze.significance(config, model.weights(), splits.training(), windows, progress());
        List<HeadRef> pruned;
        if (selection.budget != null) {
            pruned = CerberusSqueeze.withinBudget(config, model.weights(), s, splits.training(), windows, selection.budget);
        } else {
            pruned = selection.theta != null ? CerberusSqueeze.belowThreshold(s, selection.theta) : CerberusSqueeze.keepMostSignificant(s, selection.keep);
        }
        Weights cut = HeadSurgery.prune(config, model.weights(), pruned);
        double before = CerberusSqueeze.loss(config, model.weights(), heldOut, windows);
        double cutLoss = CerberusSqueeze.loss(config, cut, heldOut, windows);
        Weights squeezed = CerberusSqueeze.fineTune(config, cut, pruned, quantization, splits.training(), heldOut, fineTuneSteps, progress());
        double after = CerberusSqueeze.loss(config, squeezed, heldOut, windows);
        double quantizedOnly = quantize ? CerberusSqueeze.loss(config, quantization.quantize(cut), heldOut, windows) : cutLoss;

        out().println("head   significance (nats)   kept");
        for (HeadRef h : s.ranked()) out().printf("%-6s %+19.4f   %s%n", h, s.byHead().get(h), pruned.contains(h) ? "no" : "yes");
        int heads = config.layers() * config.heads();
        out().printf("heads kept %d of %d; held-out perplexity over %d windows: %.2f -> %.2f pruned (%+.1f%%)%s -> %.2f after %d %sfine-tuning "
                + "steps (%+.1f%%)%n", heads - pruned.size(), heads, windows, Math.exp(before), Math.exp(cutLoss), 100 * (Math.exp(cutLoss - before) - 1),
                quantize ? String.format(" -> %.2f with its weights quantized to %d levels (%+.1f%%)", Math.exp(quantizedOnly), levels,
                        100 * (Math.exp(quantizedOnly - before) - 1)) : "",
                Math.exp(after), fineTuneSteps, quantize ? "quantization-aware " : "", 100 * (Math.exp(after - before) - 1));
        int[] prompt = Arrays.stream(heldOut.window(5, Math.max(1, measureTokens))[0]).limit(measureTokens).mapToInt(v -> (int) v).toArray();
        new SqueezeReport(config, prompt, out()).print(List.of(
                new SqueezeReport.Row(config.name(), model.weights(), List.of(), before),
                new SqueezeReport.Row(config.name() + "-squeezed", squeezed, pruned, after)));

        ModelConfig renamed = config.renamed(config.name() + "-squeezed");
        long tuned = (long) fineTuneSteps * config.batch() * config.context();
        ModelCard card = new ModelCard(renamed, model.card().parameters(), model.card().tokensSeen() + tuned, model.card().trainingSeconds(),
                after, model.card().unigramLoss(), windows * config.context(), model.card().threads(), model.card().trainedOn());
        run.save(home(), new ModelPackage(renamed, model.tokenizer(), squeezed, card), out());
    }
}
