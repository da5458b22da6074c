package ai.based.cli.brains;

import ai.based.cli.EthereumCommand;
import ai.based.cli.SignerOptions;
import ai.based.client.EthereumSession;
import ai.based.client.brains.BrainClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "deactivate", description = "Return a staked Brain after its 90 days: the Brain is burned and the PEPE returned.")
public final class BrainsDeactivateCommand extends EthereumCommand {
    @Parameters(paramLabel = "N", description = "Brain number")
    long brainId;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(EthereumSession session) throws Exception {
        new BrainClient(session).deactivate(signer.unlock(home()), brainId);
        out().println("deactivated Brain #" + brainId + "; its stake is back in " + signer.walletName());
    }
}
