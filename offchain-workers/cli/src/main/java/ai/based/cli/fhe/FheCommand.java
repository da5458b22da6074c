package ai.based.cli.fhe;

import picocli.CommandLine.Command;

@Command(name = "fhe", description = "CKKS keys, encryption and decryption for users and scripts.",
        subcommands = {FheParamsCommand.class, FheKeygenCommand.class, FheEncryptCommand.class, FheDecryptCommand.class})
public final class FheCommand {}
