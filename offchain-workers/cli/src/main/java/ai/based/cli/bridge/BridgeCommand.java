package ai.based.cli.bridge;

import picocli.CommandLine.Command;

@Command(name = "bridge", description = "BASED <-> wBASED across the message bridge; message status, retry, refund, and a devnet relay pass.",
        subcommands = {BridgeSendCommand.class, BridgeStatusCommand.class, BridgeRetryCommand.class, BridgeRefundCommand.class,
            BridgeRelayCommand.class})
public final class BridgeCommand {}
