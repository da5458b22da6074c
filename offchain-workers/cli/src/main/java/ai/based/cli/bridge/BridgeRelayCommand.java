package ai.based.cli.bridge;

import ai.based.client.InvalidInputException;
import ai.based.bridge.MessageRelay;
import ai.based.chain.anvil.DevAccounts;
import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.deployment.BridgeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "relay", description = "One relay pass both ways with two of the devnet's relayer test keys, in this process "
        + "(for scripts; 'based relayer start' runs the networked relayer).")
public final class BridgeRelayCommand extends BaseCommand {
    private static final int SUBMITTER_ACCOUNT = 13;

    @Option(names = "--confirmations", defaultValue = "0", description = "blocks a message must be under (default: ${DEFAULT-VALUE})")
    long confirmations;

    @Mixin
    NetworkOptions network;

    @Override
    protected void run() throws Exception {
        if (!NetworkOptions.DEVNET.equals(network.name())) {
            throw new InvalidInputException("the relayer test keys exist only on the devnet");
        }
        var relayers = BridgeOptions.DEVNET_RELAYER_ACCOUNTS.stream().limit(2).map(DevAccounts::account).toList();
        var submitter = DevAccounts.account(SUBMITTER_ACCOUNT);
        try (BridgeSessions s = new BridgeSessions(network.manifest(home()))) {
            int toEthereum = new MessageRelay(s.basedEnd, s.ethEnd, relayers, submitter, confirmations).relayPending(progress());
            int toBasedAi = new MessageRelay(s.ethEnd, s.basedEnd, relayers, submitter, confirmations).relayPending(progress());
            out().println("relayed " + toEthereum + " message(s) to Ethereum and " + toBasedAi + " to BasedAI");
        }
    }
}
