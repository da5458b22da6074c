package ai.based.oracle;

import ai.based.contracts.EpochOracle;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.client.BasedSession;
import ai.based.protocol.MerkleTree;
import ai.based.protocol.Reward;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.abi.EventEncoder;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.Log;

/** Reads posted epochs (per-Brain totals, per-account rewards) and claims rewards with Merkle proofs. */
public final class EmissionsClient {
    private final BasedSession session;
    private final Path rewardsDir;

    public EmissionsClient(BasedSession session, Path rewardsDir) {
        this.session = session;
        this.rewardsDir = rewardsDir;
    }

    /** What is known of one epoch: on-chain record, per-Brain totals from the oracle's events, and published rewards. */
    public record EpochView(long epoch, boolean recorded, BigInteger emission, BigInteger total, BigInteger claimed,
            Map<Long, BigInteger> brainTotals, List<Reward> rewards) {}

    /** The last posted epoch, or -1 when none is. */
    public long latestPosted() throws Exception {
        return session.emission(session.reader()).nextEpoch().send().longValueExact() - 1;
    }

    public EpochView show(long epoch) throws Exception {
        var emission = session.emission(session.reader());
        var record = emission.epoch(BigInteger.valueOf(epoch)).send();
        Map<Long, BigInteger> totals = new TreeMap<>();
        for (Log log : session.logs(BasedAiContracts.EPOCH_ORACLE, EventEncoder.encode(EpochOracle.BRAINEPOCHTOTAL_EVENT))) {
            var event = EpochOracle.getBrainEpochTotalEventFromLog(log);
            if (event.epoch.longValueExact() == epoch) totals.put(event.brainId.longValueExact(), event.total);
        }
        List<Reward> rewards = EpochRewardsFile.read(rewardsDir, epoch).map(EpochRewardsFile::asRewards).orElse(List.of());
        return new EpochView(epoch, record.recorded, emission.epochEmission(BigInteger.valueOf(epoch)).send(), record.total,
                record.claimed, totals, rewards);
    }

    /** Claims {@code account}'s reward for an epoch; the transaction is paid by {@code payer}. */
    public Reward claim(Credentials payer, String account, long epoch) throws Exception {
        EpochRewardsFile file = EpochRewardsFile.read(rewardsDir, epoch).orElseThrow(() -> new IllegalStateException(
                "cannot claim epoch " + epoch + ": its rewards file is not in " + rewardsDir + " (has the epoch been posted?)"));
        List<Reward> rewards = file.asRewards();
        int index = rewards.stream().map(Reward::account).toList().indexOf(account.toLowerCase());
        if (index < 0) throw new IllegalStateException("cannot claim epoch " + epoch + ": " + account + " earned nothing in it");
        if (session.emission(session.reader()).hasClaimed(BigInteger.valueOf(epoch), account).send()) {
            throw new IllegalStateException("cannot claim epoch " + epoch + ": " + account + " already claimed it");
        }
        var proof = MerkleTree.build(MerkleTree.rewardLeaves(epoch, rewards)).proof(index);
        session.emission(session.signer(payer)).claim(BigInteger.valueOf(epoch), account, rewards.get(index).amount(), proof).send();
        return rewards.get(index);
    }
}
