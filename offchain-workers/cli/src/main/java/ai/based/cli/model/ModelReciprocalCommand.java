package ai.based.cli.model;

import ai.based.cli.BaseCommand;
import ai.based.client.InvalidInputException;
import ai.based.fhe.zkllm.encrypted.EncryptedReciprocal;
import ai.based.fhe.zkllm.model.BoundedAttention;
import ai.based.fhe.zkllm.model.DenominatorStudy;
import ai.based.fhe.zkllm.model.HeldOutPrompts;
import ai.based.fhe.zkllm.model.LogitAgreement;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.text.Corpus;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reciprocal", description = "What the miner's approximate reciprocal costs a bounded-attention model: the divisor's "
        + "range on held-out prompts, the reciprocal's interval, depth and error bound, and next-token agreement and max logit error of "
        + "the model dividing by the reciprocal's plaintext twin against the same model dividing exactly, and against the original model. "
        + "For a model without a bounded divisor: the study of its mean denominator that the interval is chosen from.")
public final class ModelReciprocalCommand extends BaseCommand {
    @Parameters(paramLabel = "DIR|NAME", description = "a bounded-attention package (e.g. tiny-bounded), or an original one (tiny)")
    String where;

    @Option(names = "--original", defaultValue = "tiny", description = "the model it was fine-tuned from (default: ${DEFAULT-VALUE})")
    String original;

    @Option(names = "--prompts", defaultValue = "200", description = "held-out verses as prompts (default: ${DEFAULT-VALUE})")
    int prompts;

    @Option(names = "--high", defaultValue = "256", description = "the reciprocal's upper end b, at or above the ceiling (default: ${DEFAULT-VALUE})")
    double high;

    @Option(names = "--doublings", defaultValue = "8", description = "Goldschmidt doublings k, one level each (default: ${DEFAULT-VALUE})")
    int doublings;

    @Override
    protected void run() {
        ModelPackage model = PackageLocator.locate(home(), where).model();
        BoundedAttention bounds = model.config().boundedAttention();
        List<int[]> held;
        try {
            held = HeldOutPrompts.of(Corpus.kjv(), model.tokenizer(), prompts, model.config().context());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        if (bounds == null) {
            // the study that decides the interval: the original model's mean denominator, which the client divides by
            out().printf("%s: original Power-Softmax, no bounded divisor (the client divides); its mean denominator Z̄ on %d held-out prompts:%n",
                    model.config().name(), held.size());
            printStudy(model, held, Double.POSITIVE_INFINITY);
            out().println("make a model with a bounded divisor with 'based model bound " + where + "'");
            return;
        }
        EncryptedReciprocal reciprocal;
        try {
            reciprocal = EncryptedReciprocal.forAttention(bounds, high, doublings);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage(), e);
        }
        out().printf("%s: divisor c + Z̄, floor %.3g, trained ceiling %.3g; reciprocal on [%.3g, %.3g], %d doublings, depth %d, "
                + "relative error <= %.2e (first guess %.3f), bounded in [0, 1/x] up to %.4g%n", model.config().name(), bounds.floor(),
                bounds.ceiling(), reciprocal.low(), reciprocal.high(), reciprocal.doublings(), reciprocal.depth(), reciprocal.relativeErrorBound(),
                reciprocal.firstGuessError(), reciprocal.safeLimit());
        printStudy(model, held, reciprocal.high());
        PlainGpt exact = new PlainGpt(model.config(), model.weights());
        LogitAgreement twin = LogitAgreement.of(exact, new PlainGpt(model.config(), model.weights(), reciprocal::value), held);
        out().printf("approximate vs exact division, %d positions of %d prompts: next-token argmax agreement %.2f%%, max logit error %.3g%n",
                twin.positions(), held.size(), 100 * twin.agreement(), twin.maxLogitError());
        ModelPackage source = PackageLocator.locate(home(), original).model();
        if (source.config().vocab() == model.config().vocab() && source.config().heFriendly()) {
            LogitAgreement before = LogitAgreement.of(new PlainGpt(source.config(), source.weights()), exact, held);
            out().printf("bounded (exact division) vs %s: argmax agreement %.2f%%, max logit error %.3g; held-out loss %.3f vs %.3f%n",
                    source.config().name(), 100 * before.agreement(), before.maxLogitError(), model.card().validationLoss(),
                    source.card().validationLoss());
        }
    }

    private void printStudy(ModelPackage model, List<int[]> held, double high) {
        out().println("layer    values     min    p0.1%     p1%   median     p99%   p99.9%      max" + (Double.isInfinite(high) ? "" : "  above b"));
        for (DenominatorStudy.Layer l : DenominatorStudy.of(model.config(), model.weights(), held)) {
            out().printf("%5d %9d %7.3g %8.3g %7.3g %8.3g %8.3g %8.3g %8.3g%s%n", l.layer(), l.count(), l.min(), l.p001(), l.p01(), l.median(),
                    l.p99(), l.p999(), l.max(), Double.isInfinite(high) ? "" : l.max() > high ? "  yes" : "  none");
        }
    }
}
