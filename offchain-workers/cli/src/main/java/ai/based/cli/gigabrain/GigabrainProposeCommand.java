package ai.based.cli.gigabrain;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.SignerOptions;
import ai.based.governance.GovernanceClient;
import ai.based.governance.ProposalAction;
import ai.based.runtime.BasedSession;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "propose", description = "Propose parameter changes (administrator or a GigaBrain owner).")
public final class GigabrainProposeCommand extends BasedAiCommand {
    @Option(names = "--set", required = true, paramLabel = "NAME=VALUE",
            description = "bonus-pool=BPS, registration-fee-bounds=MIN,MAX, max-validator-take=BPS, "
                    + "oracle-signers=A;B;C@M, pause=registry|stakes, unpause=registry|stakes (repeatable)")
    List<String> actions;

    @Option(names = "--description", required = true)
    String description;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(BasedSession session) throws Exception {
        List<ProposalAction> parsed = actions.stream().map(ProposalAction::parse).toList();
        var id = new GovernanceClient(session).propose(signer.unlock(home()), parsed, description);
        out().println("proposal " + id);
    }
}
