package ai.based.cli.gigabrain;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.SignerOptions;
import ai.based.governance.GovernanceClient;
import ai.based.client.BasedSession;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "execute", description = "Queue a succeeded proposal in the timelock, or execute a queued one whose delay has passed.")
public final class GigabrainExecuteCommand extends BasedAiCommand {
    @Option(names = "--proposal", required = true, paramLabel = "ID")
    BigInteger proposalId;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(BasedSession session) throws Exception {
        var state = new GovernanceClient(session).advance(signer.unlock(home()), proposalId);
        out().println("proposal " + proposalId + " is now " + state.name().toLowerCase());
    }
}
