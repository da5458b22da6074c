package ai.based.cli.basedai;

import picocli.CommandLine.Command;

@Command(name = "emissions", description = "Epoch rewards: show them, claim them, verify a posted one, and (devnet oracle) post them.",
        subcommands = {EmissionsShowCommand.class, EmissionsClaimCommand.class, EmissionsPostCommand.class,
            EmissionsVerifyCommand.class})
public final class EmissionsCommand {}
