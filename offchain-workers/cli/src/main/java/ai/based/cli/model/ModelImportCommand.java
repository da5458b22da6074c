package ai.based.cli.model;

import ai.based.client.InvalidInputException;
import ai.based.cli.BaseCommand;
import ai.based.fhe.zkllm.model.Gpt2Checkpoint;
import ai.based.fhe.zkllm.model.ModelImporter;
import ai.based.fhe.zkllm.model.TokenStream;
import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.fhe.zkllm.text.Corpus;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = "Brain template model converter: read a GPT-2-architecture checkpoint (a directory or "
        + "a base URL holding config.json, model.safetensors, tokenizer.json), replace softmax and GELU, calibrate the norms, "
        + "optionally fine-tune on the shipped corpus, and write an HE-friendly package.")
public final class ModelImportCommand extends BaseCommand {
    @Parameters(paramLabel = "DIR|URL")
    String source;

    @Option(names = "--name", defaultValue = "imported", description = "package name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--fine-tune-steps", defaultValue = "300", description = "steps on the shipped corpus after the swap (default: ${DEFAULT-VALUE})")
    int fineTuneSteps;

    @Mixin
    ModelRunOptions run;

    @Override
    protected void run() throws Exception {
        run.startDjl();
        Gpt2Checkpoint checkpoint;
        if (source.startsWith("http://") || source.startsWith("https://")) {
            Path cache = home().root().resolve("downloads").resolve(Integer.toHexString(source.hashCode()));
            progress().accept("downloading " + source + " into " + cache);
            checkpoint = Gpt2Checkpoint.download(URI.create(source), cache);
        } else {
            if (!Files.isDirectory(Path.of(source))) throw new InvalidInputException("no checkpoint directory " + source);
            checkpoint = Gpt2Checkpoint.read(Path.of(source));
        }
        var splits = TokenStream.Splits.of(Corpus.kjv(), BpeTokenizer.load(checkpoint.tokenizer()));
        run.save(home(), ModelImporter.importGpt2(checkpoint, name, fineTuneSteps, splits.training(), splits.heldOut(), progress()), out());
    }
}
