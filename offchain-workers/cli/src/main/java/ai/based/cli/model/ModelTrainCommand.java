package ai.based.cli.model;

import ai.based.cli.BaseCommand;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.ModelTrainer;
import ai.based.fhe.zkllm.model.TokenStream;
import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.fhe.zkllm.text.BpeTrainer;
import ai.based.fhe.zkllm.text.Corpus;
import java.nio.file.Path;
import picocli.CommandLine.Command;
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

    @Option(names = "--threads", description = "PyTorch threads (default: all cores)")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "where to write the package (default: <home>/models/<name>)")
    Path out;

    @Override
    protected void run() throws Exception {
        DjlSettings.apply(threads != null ? threads : Runtime.getRuntime().availableProcessors());
        ModelConfig config = ModelConfig.named(configName);
        if (twin) config = config.twin();
        if (steps != null) config = config.withSteps(steps);
        Path dir = out != null ? out : home().root().resolve("models").resolve(config.name());

        Corpus corpus = Corpus.kjv();
        long t0 = System.nanoTime();
        BpeTokenizer tokenizer = BpeTrainer.train(corpus.training(), config.vocab());
        TokenStream training = TokenStream.of(corpus.training(), tokenizer);
        TokenStream heldOut = TokenStream.of(corpus.heldOut(), tokenizer);
        progress().accept(String.format("tokenizer: %d tokens trained in %.1f s; %,d training and %,d held-out tokens",
                tokenizer.vocabSize(), (System.nanoTime() - t0) / 1e9, training.size(), heldOut.size()));

        ModelTrainer.Trained trained = ModelTrainer.train(config, tokenizer, training, heldOut, progress());
        new ModelPackage(config, tokenizer, trained.weights(), trained.card()).save(dir);
        out().println(trained.card().summary());
        out().println("package written to " + dir);
    }
}
