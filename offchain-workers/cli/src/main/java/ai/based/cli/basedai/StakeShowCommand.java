package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "show", description = "Network stake and, per staked Brain, its stake, counted stake and GigaBrain status.")
public final class StakeShowCommand extends BasedAiCommand {
    @Option(names = "--brain", paramLabel = "N", description = "only this Brain")
    Long brainId;

    @Override
    protected void run(BasedSession session) throws Exception {
        var stakes = session.stakes(session.reader());
        BigInteger total = stakes.totalStake().send();
        long block = session.node().blockNumber().longValueExact();
        out().println("network stake " + Pepe.format(total) + " BASED");
        for (Object id : stakes.stakedBrains().send()) {
            BigInteger brain = (BigInteger) id;
            if (brainId != null && brain.longValueExact() != brainId) continue;
            boolean giga = stakes.isGigaBrainAt(brain, BigInteger.valueOf(block)).send();
            out().printf("  Brain #%-5s stake %s BASED, counted %s%s%n", brain, Pepe.format(stakes.brainStake(brain).send()),
                    Pepe.format(stakes.countedStake(brain).send()), giga ? ", GigaBrain" : "");
        }
    }
}
