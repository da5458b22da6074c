package ai.based.cli.model;

import picocli.CommandLine.Command;

@Command(name = "model", description = "The HE-friendly language model: train it, inspect a package, import a GPT-2 checkpoint, export the "
        + "softmax twin; and the diagnosis classifier: train it.",
        subcommands = {ModelTrainCommand.class, ModelShowCommand.class, ModelImportCommand.class, ModelExportCommand.class, ModelSqueezeCommand.class,
            ModelTrainDiagnosisCommand.class, ModelBoundCommand.class, ModelReciprocalCommand.class})
public final class ModelCommand {}
