package ai.based.cli.gigabrain;

import ai.based.cli.SignerOptions;
import ai.based.cli.TwoChainCommand;
import ai.based.governance.GovernanceClient;
import ai.based.governance.PepeChamberClient;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import java.math.BigInteger;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "vote", description = "Vote on a proposal with one of your GigaBrains (once per Brain), or in the Pepecoin "
        + "chamber by escrowing PEPE on Ethereum until the voting window closes.")
public final class GigabrainVoteCommand extends TwoChainCommand {
    @Option(names = "--proposal", required = true, paramLabel = "ID")
    BigInteger proposalId;

    @ArgGroup(multiplicity = "1")
    Chamber chamber;

    static final class Chamber {
        @Option(names = "--brain", paramLabel = "N", description = "vote with GigaBrain N on the BasedAI chain")
        Long brainId;

        @Option(names = "--pepe", paramLabel = "AMOUNT", description = "escrow AMOUNT PEPE in the Ethereum chamber")
        String pepe;
    }

    @Option(names = "--support", required = true, description = "FOR, AGAINST or ABSTAIN")
    GovernanceClient.Support support;

    @Option(names = "--reason", defaultValue = "")
    String reason;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(EthereumSession ethereum, BasedSession basedai) throws Exception {
        var voter = signer.unlock(home());
        String side = support.name().toLowerCase();
        if (chamber.brainId != null) {
            new GovernanceClient(basedai).vote(voter, proposalId, chamber.brainId, support, reason);
            out().println("Brain #" + chamber.brainId + " voted " + side + " on proposal " + proposalId);
            return;
        }
        PepeChamberClient pepe = new PepeChamberClient(ethereum, basedai);
        var window = pepe.window(proposalId);
        if (!window.opened()) {
            throw new IllegalStateException("the Pepecoin chamber has no window for proposal " + proposalId + " yet: it opens when "
                    + "the proposal's announcement is relayed (announced: " + pepe.announced(proposalId) + ")");
        }
        BigInteger amount = Pepe.parse(chamber.pepe);
        pepe.vote(voter, proposalId, support, amount);
        out().println("escrowed " + chamber.pepe + " PEPE " + side + " proposal " + proposalId + " until " + window.closesAt()
                + "; withdraw it afterwards with 'based gigabrain pepe withdraw'");
    }
}
