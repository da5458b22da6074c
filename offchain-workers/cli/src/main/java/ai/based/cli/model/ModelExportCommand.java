package ai.based.cli.model;

import ai.based.cli.BaseCommand;
import ai.based.client.InvalidInputException;
import ai.based.fhe.zkllm.model.Gpt2Checkpoint;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = "Write a softmax-twin package as a GPT-2 checkpoint (config.json, model.safetensors, "
        + "tokenizer.json), the format 'model import' reads.")
public final class ModelExportCommand extends BaseCommand {
    @Parameters(paramLabel = "DIR|NAME")
    String where;

    @Option(names = "--out", required = true, paramLabel = "DIR")
    Path out;

    @Override
    protected void run() throws Exception {
        var model = PackageLocator.locate(home(), where).model();
        if (model.config().heFriendly()) {
            throw new InvalidInputException("'" + model.config().name() + "' uses Power-Softmax and an affine norm: it is not a GPT-2 "
                    + "model; export the softmax twin (model train --twin)");
        }
        Gpt2Checkpoint.export(model, out);
        out().println("GPT-2 checkpoint written to " + out);
    }
}
