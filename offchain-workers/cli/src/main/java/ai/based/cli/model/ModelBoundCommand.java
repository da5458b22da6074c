package ai.based.cli.model;

import ai.based.cli.BaseCommand;
import ai.based.client.InvalidInputException;
import ai.based.fhe.zkllm.model.BoundedAttention;
import ai.based.fhe.zkllm.model.BoundedFineTune;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.TokenStream;
import ai.based.fhe.zkllm.text.Corpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bound", description = "Fine-tune a Power-Softmax model into one whose attention divisor lies on a known interval "
        + "[floor, ceiling] (weights s² / (n (floor + Z̄)), the excess over the ceiling penalised), so that the miner can divide under "
        + "encryption; writes the package <name>-bounded and reports its held-out loss.")
public final class ModelBoundCommand extends BaseCommand {
    @Parameters(paramLabel = "DIR|NAME", description = "the Power-Softmax package to start from (e.g. tiny)")
    String where;

    @Option(names = "--floor", defaultValue = "1", description = "the divisor's floor c (default: ${DEFAULT-VALUE})")
    double floor;

    @Option(names = "--ceiling", defaultValue = "64", description = "the divisor's trained ceiling U (default: ${DEFAULT-VALUE})")
    double ceiling;

    @Option(names = "--steps", defaultValue = "1500", description = "fine-tuning steps (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--learning-rate", defaultValue = "1e-3", description = "peak learning rate (default: ${DEFAULT-VALUE})")
    float learningRate;

    @Mixin
    ModelRunOptions run;

    @Override
    protected void run() throws Exception {
        if (steps < 1) throw new InvalidInputException("--steps must be at least 1");
        BoundedAttention bounds;
        try {
            bounds = new BoundedAttention(floor, ceiling);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        run.startDjl();
        ModelPackage original = PackageLocator.locate(home(), where).model();
        Corpus corpus = Corpus.kjv();
        ModelPackage bounded;
        try {
            bounded = BoundedFineTune.run(original, bounds, steps, learningRate, TokenStream.Splits.of(corpus, original.tokenizer()), corpus, progress());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        out().printf("held-out loss %.3f (%s) -> %.3f (%s)%n", original.card().validationLoss(), original.config().name(),
                bounded.card().validationLoss(), bounded.config().name());
        run.save(home(), bounded, out());
    }
}
