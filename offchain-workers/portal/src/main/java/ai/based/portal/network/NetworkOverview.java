package ai.based.portal.network;

import ai.based.client.BasedSession;
import ai.based.contracts.EmissionController;
import ai.based.contracts.StakeManager;
import ai.based.protocol.Economics;
import ai.based.protocol.EmissionSchedule;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.List;

/**
 * The dashboard's network-wide figures read from the BasedAI chain: the emission curve with where the chain is now,
 * the stake on each Brain with its APY, and the rewards of the latest posted epochs. Every read is bounded: at most
 * {@link #MAX_BRAINS} Brains and {@link #MAX_EPOCHS} epochs per answer.
 */
final class NetworkOverview {
    static final int MAX_BRAINS = 1024;
    static final int MAX_EPOCHS = 64;

    private final BasedSession session;
    private volatile Long genesisBlock;

    NetworkOverview(BasedSession session) {
        this.session = session;
    }

    long head() {
        return session.node().blockNumber().longValueExact();
    }

    JsonObject emission(int years, long head) throws Exception {
        return EmissionCurve.of(years, genesisBlock(), head);
    }

    JsonObject stake(long head) throws Exception {
        StakeManager stakes = session.stakes(session.reader());
        var registry = session.registry(session.reader());
        List<BigInteger> brains = stakes.stakedBrains().send();
        boolean truncated = brains.size() > MAX_BRAINS;
        if (truncated) brains = brains.subList(0, MAX_BRAINS);
        BigInteger total = stakes.totalStake().send();
        BigInteger[] staked = new BigInteger[brains.size()];
        BigInteger[] counted = new BigInteger[brains.size()];
        BigInteger allCounted = BigInteger.ZERO;
        for (int i = 0; i < brains.size(); i++) {
            staked[i] = stakes.brainStake(brains.get(i)).send();
            counted[i] = stakes.countedStake(brains.get(i)).send();
            allCounted = allCounted.add(counted[i]);
        }
        int year = currentYear(head);
        BigInteger yearEmission = EmissionSchedule.yearEmission(year);
        JsonArray rows = new JsonArray();
        for (int i = 0; i < brains.size(); i++) {
            if (staked[i].signum() == 0) continue;
            var config = registry.config(brains.get(i)).send();
            long apy = StakingApy.brainApyBps(yearEmission, counted[i], allCounted, staked[i], config.minerShareBps.intValueExact(),
                    Economics.DEFAULT_VALIDATOR_TAKE_BPS);
            rows.add(new JsonObject().put("brainId", brains.get(i).longValueExact()).put("name", config.name)
                    .put("stake", staked[i].toString()).put("countedStake", counted[i].toString())
                    .put("minerShareBps", config.minerShareBps.intValueExact()).put("apyBps", apy));
        }
        return new JsonObject().put("head", head).put("year", year).put("yearEmission", yearEmission.toString())
                .put("totalStake", total.toString()).put("validatorTakeBps", Economics.DEFAULT_VALIDATOR_TAKE_BPS)
                .put("apyFormula", "yearEmission x counted(brain)/sum(counted) x 75% x (1 - minerShare) x (1 - take) / stake(brain);"
                        + " equal performance assumed, bonus pool left out")
                .put("truncated", truncated).put("brains", rows);
    }

    JsonObject epochs(int last, long head) throws Exception {
        if (last < 1 || last > MAX_EPOCHS) throw new BadQueryException("last must be from 1 to " + MAX_EPOCHS + ", not " + last);
        EmissionController emission = session.emission(session.reader());
        long next = emission.nextEpoch().send().longValueExact();
        JsonArray rows = new JsonArray();
        for (long e = Math.max(0, next - last); e < next; e++) {
            EmissionController.Epoch epoch = emission.epoch(BigInteger.valueOf(e)).send();
            rows.add(new JsonObject().put("epoch", e).put("total", epoch.total.toString()).put("claimed", epoch.claimed.toString())
                    .put("emission", EmissionSchedule.epochEmission(e).toString()));
        }
        long sinceGenesis = Math.max(0, head - genesisBlock());
        return new JsonObject().put("head", head).put("currentEpoch", sinceGenesis / Economics.EPOCH_BLOCKS)
                .put("posted", next).put("epochs", rows);
    }

    private int currentYear(long head) throws Exception {
        long sinceGenesis = Math.max(0, head - genesisBlock());
        return (int) Math.min(65, sinceGenesis / Economics.BLOCKS_PER_YEAR + 1);
    }

    private long genesisBlock() throws Exception {
        Long known = genesisBlock;
        if (known == null) {
            known = session.emission(session.reader()).GENESIS_BLOCK().send().longValueExact();
            genesisBlock = known;
        }
        return known;
    }
}
