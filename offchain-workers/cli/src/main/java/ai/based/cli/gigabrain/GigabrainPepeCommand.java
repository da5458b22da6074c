package ai.based.cli.gigabrain;

import ai.based.cli.SignerOptions;
import ai.based.cli.TwoChainCommand;
import ai.based.governance.PepeChamberClient;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pepe", description = "The Pepecoin chamber after a window closes: send its tally to the BasedAI chain, "
        + "or withdraw your escrowed PEPE.", subcommands = {GigabrainPepeCommand.Tally.class, GigabrainPepeCommand.Withdraw.class})
public final class GigabrainPepeCommand {
    /** A signed chamber action on one proposal. */
    abstract static class ChamberAction extends TwoChainCommand {
        @Option(names = "--proposal", required = true, paramLabel = "ID")
        BigInteger proposalId;

        @Mixin
        SignerOptions signer;

        @Override
        protected final void run(EthereumSession ethereum, BasedSession basedai) throws Exception {
            out().println(act(new PepeChamberClient(ethereum, basedai), signer.unlock(home())));
        }

        /** Performs the action; returns what to tell the user. */
        abstract String act(PepeChamberClient chamber, Credentials caller) throws Exception;
    }

    @Command(name = "tally", description = "Send a closed window's tally across the bridge (anyone may; once).")
    public static final class Tally extends ChamberAction {
        @Override
        String act(PepeChamberClient chamber, Credentials caller) throws Exception {
            return "tally of proposal " + proposalId + " sent: bridge message " + Numeric.toHexString(chamber.sendTally(caller, proposalId));
        }
    }

    @Command(name = "withdraw", description = "Return your escrowed PEPE after the window closed.")
    public static final class Withdraw extends ChamberAction {
        @Override
        String act(PepeChamberClient chamber, Credentials caller) throws Exception {
            return "withdrew " + Pepe.format(chamber.withdraw(caller, proposalId)) + " PEPE from proposal " + proposalId;
        }
    }
}
