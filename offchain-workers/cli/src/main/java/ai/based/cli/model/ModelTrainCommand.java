package ai.based.cli.model;

import ai.based.client.InvalidInputException;
import ai.based.cli.BaseCommand;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.ModelTrainer;
import ai.based.fhe.zkllm.model.TokenStream;
import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.fhe.zkllm.text.BpeTrainer;
import ai.based.fhe.zkllm.text.Corpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", description = "Train the byte-level BPE tokenizer and the polynomial GPT on the shipped corpus (KJV, every "
        + "tenth verse held out) and write a model package: tokenizer.json, config.json, model.safetensors, model-card.json.")
public final class ModelTrainCommand extends BaseCommand {
    @Option(names = "--config", defaultValue = "tiny", description = "tiny (2 layers, d_model 128, 4 heads, context 64, vocab 1024) "
            + "or micro (seconds, for tests) (default: ${DEFAULT-VALUE})")
    String configName;

    @Option(names = "--twin", description = "train the softmax/GELU/LayerNorm twin of the same size instead")
    boolean twin;

    @Option(names = "--steps", description = "override the config's training steps")
    Integer steps;

    @Mixin
    ModelRunOptions run;

    @Override
    protected void run() throws Exception {
        run.startDjl();
        ModelConfig config;
        try {
            config = ModelConfig.named(configName);
        } catch (IllegalArgumentException unknown) { // the name is the only argument: this is the user's input refused
            throw new InvalidInputException(unknown.getMessage(), unknown);
        }
        if (twin) config = config.twin();
        if (steps != null && steps < 0) throw new InvalidInputException("--steps must not be negative, got " + steps);
        if (steps != null) config = config.withSteps(steps);

        Corpus corpus = Corpus.kjv();
        long t0 = System.nanoTime();
        BpeTokenizer tokenizer = BpeTrainer.train(corpus.training(), config.vocab());
        var splits = TokenStream.Splits.of(corpus, tokenizer);
        progress().accept(String.format("tokenizer: %d tokens trained in %.1f s; %,d training and %,d held-out tokens",
                tokenizer.vocabSize(), (System.nanoTime() - t0) / 1e9, splits.training().size(), splits.heldOut().size()));

        ModelTrainer.Trained trained = ModelTrainer.train(config, tokenizer, splits.training(), splits.heldOut(), progress());
        run.save(home(), new ModelPackage(config, tokenizer, trained.weights(), trained.card()), out());
    }
}
