package ai.based.cli.gigabrain;

import ai.based.cli.TwoChainCommand;
import ai.based.governance.GovernanceClient;
import ai.based.governance.PepeChamberClient;
import ai.based.governance.ProposalView;
import ai.based.client.BasedSession;
import ai.based.client.EthereumSession;
import ai.based.client.Pepe;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "show", description = "A proposal's state, snapshot, deadline, GigaBrain tally and Pepecoin chamber tally.")
public final class GigabrainShowCommand extends TwoChainCommand {
    @Option(names = "--proposal", required = true, paramLabel = "ID")
    BigInteger proposalId;

    @Override
    protected void run(EthereumSession ethereum, BasedSession basedai) throws Exception {
        ProposalView p = new GovernanceClient(basedai).show(proposalId);
        out().println("proposal " + p.id() + ": " + p.description());
        out().println("  state       " + p.state().name().toLowerCase() + (p.yearOne() ? " (year-one rule: passes unless a majority of GigaBrains is against)" : ""));
        out().println("  proposer    " + p.proposer());
        out().println("  snapshot    block " + p.snapshot() + ", voting ends at block " + p.deadline());
        out().println("  GigaBrains  " + p.gigaBrains() + ": for " + p.support() + ", against " + p.against() + ", abstain " + p.abstain());
        PepeChamberClient chamber = new PepeChamberClient(ethereum, basedai);
        var stored = chamber.storedTally(proposalId);
        if (stored.recorded()) {
            out().println("  Pepecoin    for " + Pepe.format(stored.support()) + ", against " + Pepe.format(stored.against())
                    + ", abstain " + Pepe.format(stored.abstain()) + " PEPE (final, stored on the BasedAI chain)");
            return;
        }
        var window = chamber.window(proposalId);
        if (!window.opened()) {
            out().println("  Pepecoin    " + (chamber.announced(proposalId) ? "announced, window not yet open on Ethereum" : "not announced"));
        } else {
            out().println("  Pepecoin    for " + Pepe.format(window.support()) + ", against " + Pepe.format(window.against())
                    + ", abstain " + Pepe.format(window.abstain()) + " PEPE so far; window closes " + window.closesAt()
                    + (window.tallySent() ? " (tally sent, awaiting relay)" : ""));
        }
    }
}
