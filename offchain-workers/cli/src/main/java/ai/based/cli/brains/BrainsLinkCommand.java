package ai.based.cli.brains;

import ai.based.cli.EthereumCommand;
import ai.based.cli.SignerOptions;
import ai.based.client.EthereumSession;
import ai.based.client.brains.BrainClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "link", description = "Link the BasedAI wallet that receives a Brain's rewards on the BasedAI chain.")
public final class BrainsLinkCommand extends EthereumCommand {
    @Parameters(paramLabel = "N", description = "Brain number")
    long brainId;

    @Option(names = "--based-wallet", paramLabel = "ADDRESS", required = true)
    String basedWallet;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(EthereumSession session) throws Exception {
        new BrainClient(session).link(signer.unlock(home()), brainId, basedWallet);
        out().println("linked Brain #" + brainId + " to BasedAI wallet " + basedWallet);
    }
}
