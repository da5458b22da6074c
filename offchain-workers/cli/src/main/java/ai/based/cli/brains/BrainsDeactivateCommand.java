package ai.based.cli.brains;

import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SessionSupport;
import ai.based.cli.SignerOptions;
import ai.based.runtime.EthereumSession;
import ai.based.runtime.brains.BrainClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "deactivate", description = "Return a staked Brain after its 90 days: the Brain is burned and the PEPE returned.")
public final class BrainsDeactivateCommand extends BaseCommand {
    @Parameters(paramLabel = "N", description = "Brain number")
    long brainId;

    @Mixin
    SignerOptions signer;

    @Mixin
    NetworkOptions network;

    @Override
    protected void run() throws Exception {
        try (EthereumSession session = SessionSupport.ethereum(home(), network)) {
            new BrainClient(session).deactivate(signer.unlock(home()), brainId);
            out().println("deactivated Brain #" + brainId + "; its stake is back in " + signer.walletName());
        }
    }
}
