package ai.based.cli.brains;

import ai.based.cli.EthereumCommand;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import ai.based.client.brains.BrainClient;
import ai.based.client.brains.BrainInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "show", description = "Show one Brain: owner, how and when it was acquired, stake, linked BasedAI wallet.")
public final class BrainsShowCommand extends EthereumCommand {
    @Parameters(paramLabel = "N", description = "Brain number")
    long brainId;

    @Override
    protected void run(EthereumSession session) throws Exception {
        BrainInfo brain = new BrainClient(session).show(brainId);
        out().println("Brain #" + brain.id());
        out().println("  owner         " + brain.owner());
        out().println("  acquired by   " + brain.method().label() + " at " + brain.acquiredAt());
        brain.stake().ifPresent(stake -> out().println("  stake         " + Pepe.format(stake) + " PEPE, locked until "
                + brain.unlocksAt().orElseThrow()));
        out().println("  based wallet  " + brain.basedWallet().orElse("(not linked)"));
    }
}
