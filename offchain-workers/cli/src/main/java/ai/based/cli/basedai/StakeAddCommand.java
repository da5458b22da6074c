package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "add", description = "Stake BASED on a Brain, or delegate it to one of the Brain's validators.")
public final class StakeAddCommand extends BasedAiCommand {
    @Mixin
    StakeOptions stake;

    @Mixin
    SignerOptions signer;

    @Override
    protected void run(BasedSession session) throws Exception {
        var credentials = signer.unlock(home());
        var balance = session.token(session.reader()).balanceOf(credentials.getAddress()).send();
        if (balance.compareTo(stake.units()) < 0) {
            throw new IllegalStateException("cannot stake: wallet " + credentials.getAddress() + " holds "
                    + Pepe.format(balance) + " BASED, the stake is " + stake.amount + " BASED");
        }
        var stakes = session.stakes(session.signer(credentials));
        session.token(session.signer(credentials)).approve(stakes.getContractAddress(), stake.units()).send();
        stakes.stake(stake.brain(), stake.validatorOrBrain(), stake.units()).send();
        out().println("staked " + stake.amount + " BASED on " + stake.target() + "; the Brain now holds "
                + Pepe.format(stakes.brainStake(stake.brain()).send()) + " BASED");
    }
}
