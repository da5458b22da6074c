package ai.based.cli.basedai;

import ai.based.cli.BasedAiCommand;
import ai.based.cli.DevnetKeys;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.client.devnet.DevnetEpochs;
import ai.based.oracle.EpochPoster;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "post", description = "Compute, sign with the devnet oracle quorum and post the next closed epoch.")
public final class EmissionsPostCommand extends BasedAiCommand {
    @Option(names = "--close", description = "on the devnet, mine empty blocks until the epoch has closed")
    boolean close;

    @Override
    protected void run(BasedSession session) throws Exception {
        var quorum = DevnetKeys.oracleQuorum(network);
        var emission = session.emission(session.reader());
        long epoch = emission.nextEpoch().send().longValueExact();
        long closesAt = DevnetEpochs.closesAt(session, epoch);
        long now = session.node().blockNumber().longValueExact();
        if (now < closesAt) {
            if (!close) {
                throw new IllegalStateException("epoch " + epoch + " closes at block " + closesAt + " (now " + now
                        + "); wait, or pass --close on the devnet");
            }
            DevnetEpochs.close(session, epoch);
        }
        EpochPoster poster = new EpochPoster(session, quorum, rewardsDir(), progress());
        poster.post(epoch, quorum.getFirst());
        var recorded = emission.epoch(BigInteger.valueOf(epoch)).send();
        out().println("posted epoch " + epoch + ": " + Pepe.format(recorded.total) + " BASED to claim; rewards in "
                + rewardsDir().resolve(epoch + ".json"));
    }
}
