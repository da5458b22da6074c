package ai.based.cli.basedai;

import ai.based.cli.DevnetKeys;
import ai.based.cli.EthereumCommand;
import ai.based.cli.SignerOptions;
import ai.based.client.EthereumSession;
import ai.based.client.basedai.BrainSync;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "sync", description = "Send Brain N's Ethereum owner and acquisition to the BasedAI registry through the bridge "
        + "(relayers also do this on their own for every transfer, deactivation and wallet link). Anyone may; on the devnet "
        + "without --wallet the administrator's test key pays.")
public final class BrainSyncCommand extends EthereumCommand {
    @Parameters(paramLabel = "N")
    long brainId;

    @ArgGroup(exclusive = false)
    SignerOptions signer;

    @Override
    protected void run(EthereumSession ethereum) throws Exception {
        Credentials caller = signer != null ? signer.unlock(home()) : DevnetKeys.administrator(network);
        String message = Numeric.toHexString(BrainSync.mirror(ethereum, caller, brainId));
        out().println("Brain #" + brainId + ": mirror message " + message + " sent; it reaches the BasedAI registry once relayed "
                + "(follow it with 'based bridge status " + message + "')");
    }
}
