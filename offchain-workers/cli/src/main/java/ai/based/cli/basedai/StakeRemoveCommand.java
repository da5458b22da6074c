package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "remove", description = "Unstake BASED from a Brain or one of its validators.")
public final class StakeRemoveCommand extends BasedAiCommand {
    @Mixin
    StakeOptions stake;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(BasedSession session) throws Exception {
        var credentials = signer.unlock(home());
        session.stakes(session.signer(credentials)).unstake(stake.brain(), stake.validatorOrBrain(), stake.units()).send();
        out().println("unstaked " + stake.amount + " BASED from " + stake.target());
    }
}
