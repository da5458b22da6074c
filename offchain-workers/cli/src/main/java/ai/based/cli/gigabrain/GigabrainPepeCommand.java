package ai.based.cli.gigabrain;

import ai.based.cli.SignerOptions;
import ai.based.cli.TwoChainCommand;
import ai.based.governance.PepeChamberClient;
import ai.based.runtime.BasedSession;
import ai.based.runtime.EthereumSession;
import ai.based.runtime.Pepe;
import java.math.BigInteger;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pepe", description = "The Pepecoin chamber after a window closes: send its tally to the BasedAI chain, "
        + "or withdraw your escrowed PEPE.", subcommands = {GigabrainPepeCommand.Tally.class, GigabrainPepeCommand.Withdraw.class})
public final class GigabrainPepeCommand {
    @Command(name = "tally", description = "Send a closed window's tally across the bridge (anyone may; once).")
    public static final class Tally extends TwoChainCommand {
        @Option(names = "--proposal", required = true, paramLabel = "ID")
        BigInteger proposalId;

        @Mixin
        SignerOptions signer;

        @Override
        protected void run(EthereumSession ethereum, BasedSession basedai) throws Exception {
            byte[] message = new PepeChamberClient(ethereum, basedai).sendTally(signer.unlock(home()), proposalId);
            out().println("tally of proposal " + proposalId + " sent: bridge message " + Numeric.toHexString(message));
        }
    }

    @Command(name = "withdraw", description = "Return your escrowed PEPE after the window closed.")
    public static final class Withdraw extends TwoChainCommand {
        @Option(names = "--proposal", required = true, paramLabel = "ID")
        BigInteger proposalId;

        @Mixin
        SignerOptions signer;

        @Override
        protected void run(EthereumSession ethereum, BasedSession basedai) throws Exception {
            BigInteger amount = new PepeChamberClient(ethereum, basedai).withdraw(signer.unlock(home()), proposalId);
            out().println("withdrew " + Pepe.format(amount) + " PEPE from proposal " + proposalId);
        }
    }
}
