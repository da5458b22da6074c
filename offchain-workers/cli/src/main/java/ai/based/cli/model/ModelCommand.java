package ai.based.cli.model;

import picocli.CommandLine.Command;

@Command(name = "model", description = "The HE-friendly language model: train it, inspect a trained package.",
        subcommands = {ModelTrainCommand.class, ModelShowCommand.class})
public final class ModelCommand {}
