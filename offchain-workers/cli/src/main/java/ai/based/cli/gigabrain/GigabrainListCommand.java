package ai.based.cli.gigabrain;

import ai.based.cli.BasedAiCommand;
import ai.based.governance.GovernanceClient;
import ai.based.governance.ProposalView;
import ai.based.client.BasedSession;
import java.math.BigInteger;
import picocli.CommandLine.Command;

@Command(name = "list", description = "Current GigaBrains and every proposal with its state.")
public final class GigabrainListCommand extends BasedAiCommand {
    @Override
    protected void run(BasedSession session) throws Exception {
        var stakes = session.stakes(session.reader());
        var registry = session.registry(session.reader());
        BigInteger block = session.node().blockNumber();
        out().println("GigaBrains at block " + block + ":");
        for (Object id : stakes.stakedBrains().send()) {
            BigInteger brain = (BigInteger) id;
            if (stakes.isGigaBrainAt(brain, block).send()) {
                out().printf("  Brain #%-5s owner %s%n", brain, registry.ownerOf(brain).send());
            }
        }
        out().println("proposals:");
        for (ProposalView p : new GovernanceClient(session).list()) {
            out().printf("  %s  %-9s %s%n", p.id(), p.state().name().toLowerCase(), p.description());
        }
    }
}
