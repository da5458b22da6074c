package ai.based.cli.gigabrain;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.SignerOptions;
import ai.based.governance.GovernanceClient;
import ai.based.runtime.BasedSession;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "vote", description = "Vote on a proposal with one of your GigaBrains (once per Brain).")
public final class GigabrainVoteCommand extends BasedAiCommand {
    @Option(names = "--proposal", required = true, paramLabel = "ID")
    BigInteger proposalId;

    @Option(names = "--brain", required = true, paramLabel = "N")
    long brainId;

    @Option(names = "--support", required = true, description = "FOR, AGAINST or ABSTAIN")
    GovernanceClient.Support support;

    @Option(names = "--reason", defaultValue = "")
    String reason;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(BasedSession session) throws Exception {
        new GovernanceClient(session).vote(signer.unlock(home()), proposalId, brainId, support, reason);
        out().println("Brain #" + brainId + " voted " + support.name().toLowerCase() + " on proposal " + proposalId);
    }
}
