package ai.based.cli.gigabrain;

import ai.based.cli.BasedAiCommand;
import ai.based.governance.GovernanceClient;
import ai.based.governance.ProposalView;
import ai.based.runtime.BasedSession;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "show", description = "A proposal's state, snapshot, deadline and tally.")
public final class GigabrainShowCommand extends BasedAiCommand {
    @Option(names = "--proposal", required = true, paramLabel = "ID")
    BigInteger proposalId;

    @Override
    protected void run(BasedSession session) throws Exception {
        ProposalView p = new GovernanceClient(session).show(proposalId);
        out().println("proposal " + p.id() + ": " + p.description());
        out().println("  state       " + p.state().name().toLowerCase() + (p.yearOne() ? " (year-one rule: passes unless a majority of GigaBrains is against)" : ""));
        out().println("  proposer    " + p.proposer());
        out().println("  snapshot    block " + p.snapshot() + ", voting ends at block " + p.deadline());
        out().println("  GigaBrains  " + p.gigaBrains() + ": for " + p.support() + ", against " + p.against() + ", abstain " + p.abstain());
        out().println("  Pepecoin chamber: not yet connected (arrives with the bridge)");
    }
}
