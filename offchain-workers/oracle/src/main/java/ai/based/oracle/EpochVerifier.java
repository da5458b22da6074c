package ai.based.oracle;

import ai.based.client.BasedSession;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.contracts.BrainRegistry;
import ai.based.contracts.EpochOracle;
import ai.based.epochs.ComputedEpoch;
import ai.based.epochs.EpochComputation;
import ai.based.epochs.Prune;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Anyone's check of a posted epoch: recomputes it from chain data ({@link EpochComputation}) and compares the result
 * with what the quorum posted: the EpochPosted event's rewards root and total, the BrainEpochTotal events, and the
 * pruning candidates set by the same transaction (the registry's PruneCandidateSet events).
 */
public final class EpochVerifier {
    public enum Outcome { MATCH, DIFFERENT, NOT_CLOSED, NOT_POSTED }

    /** The outcome and a sentence saying it (for DIFFERENT: the first difference). */
    public record Verdict(Outcome outcome, String message) {}

    /** What the chain holds for a posted epoch. */
    record Posted(byte[] rewardsRoot, BigInteger total, Map<Long, BigInteger> brainTotals, List<Prune> prunes) {}

    private final BasedSession session;
    private final EpochSource source;

    public EpochVerifier(BasedSession session) {
        this(session, epoch -> EpochComputation.compute(session, epoch));
    }

    EpochVerifier(BasedSession session, EpochSource source) {
        this.session = session;
        this.source = source;
    }

    public Verdict verify(long epoch) throws Exception {
        if (epoch < 0) throw new IllegalArgumentException("the epoch must be 0 or more, got " + epoch);
        var emission = session.emission(session.reader());
        long current = emission.currentEpoch().send().longValueExact();
        if (current <= epoch) {
            long closesAt = emission.epochStartBlock(BigInteger.valueOf(epoch + 1)).send().longValueExact();
            return new Verdict(Outcome.NOT_CLOSED, "epoch " + epoch + " has not closed: it closes at block " + closesAt + " (now block "
                    + session.node().blockNumber() + ", epoch " + current + "); nothing was posted for it yet");
        }
        if (!emission.epoch(BigInteger.valueOf(epoch)).send().recorded) {
            return new Verdict(Outcome.NOT_POSTED, "epoch " + epoch + " has closed but is not posted yet (the next epoch to post is "
                    + emission.nextEpoch().send() + ")");
        }
        Posted posted = posted(epoch);
        ComputedEpoch mine = source.compute(epoch);
        return difference(mine, posted).map(where -> new Verdict(Outcome.DIFFERENT, "epoch " + epoch + " differs from what was posted: "
                + where)).orElse(new Verdict(Outcome.MATCH, "epoch " + epoch + ": match (" + mine.result().brainTotals().size() + " Brain(s), "
                + mine.result().accounts().size() + " account(s), " + mine.prunes().size() + " pruning candidate(s), rewards root "
                + Numeric.toHexString(mine.rewardsRoot()) + ")"));
    }

    Posted posted(long epoch) throws Exception {
        Log posting = null;
        EpochOracle.EpochPostedEventResponse event = null;
        for (Log log : session.logs(BasedAiContracts.EPOCH_ORACLE, EventEncoder.encode(EpochOracle.EPOCHPOSTED_EVENT))) {
            var candidate = EpochOracle.getEpochPostedEventFromLog(log);
            if (candidate.epoch.longValueExact() == epoch) {
                posting = log;
                event = candidate;
            }
        }
        if (event == null) throw new IllegalStateException("epoch " + epoch + " is recorded but no EpochPosted event names it");
        long block = posting.getBlockNumber().longValueExact();
        String tx = posting.getTransactionHash();
        Map<Long, BigInteger> totals = new TreeMap<>();
        for (Log log : session.logs(BasedAiContracts.EPOCH_ORACLE, EventEncoder.encode(EpochOracle.BRAINEPOCHTOTAL_EVENT), block, block)) {
            if (!tx.equals(log.getTransactionHash())) continue;
            var total = EpochOracle.getBrainEpochTotalEventFromLog(log);
            totals.put(total.brainId.longValueExact(), total.total);
        }
        List<Prune> prunes = new ArrayList<>();
        for (Log log : session.logs(BasedAiContracts.BRAIN_REGISTRY, EventEncoder.encode(BrainRegistry.PRUNECANDIDATESET_EVENT), block, block)) {
            if (!tx.equals(log.getTransactionHash())) continue;
            var prune = BrainRegistry.getPruneCandidateSetEventFromLog(log);
            prunes.add(new Prune(prune.brainId.longValueExact(), prune.role.intValueExact(), prune.uid.longValueExact()));
        }
        return new Posted(event.rewardsRoot, event.total, totals, prunes);
    }

    static java.util.Optional<String> difference(ComputedEpoch mine, Posted posted) {
        List<Long> brains = new ArrayList<>(new java.util.TreeSet<>(mine.result().brainTotals().keySet()));
        for (Long brain : posted.brainTotals().keySet()) if (!brains.contains(brain)) brains.add(brain);
        brains.sort(null);
        for (long brain : brains) {
            BigInteger here = mine.result().brainTotals().get(brain);
            BigInteger there = posted.brainTotals().get(brain);
            if (here == null || !here.equals(there)) {
                return java.util.Optional.of("Brain #" + brain + " total: " + (here == null ? "none" : here) + " recomputed, "
                        + (there == null ? "none" : there) + " posted");
            }
        }
        for (int i = 0; i < Math.max(mine.prunes().size(), posted.prunes().size()); i++) {
            Prune here = i < mine.prunes().size() ? mine.prunes().get(i) : null;
            Prune there = i < posted.prunes().size() ? posted.prunes().get(i) : null;
            if (here == null || !here.equals(there)) {
                return java.util.Optional.of("pruning candidate " + i + ": " + describe(here) + " recomputed, " + describe(there) + " posted");
            }
        }
        if (!java.util.Arrays.equals(mine.rewardsRoot(), posted.rewardsRoot())) {
            return java.util.Optional.of("rewards root: " + Numeric.toHexString(mine.rewardsRoot()) + " recomputed, "
                    + Numeric.toHexString(posted.rewardsRoot()) + " posted (the per-account rewards differ)");
        }
        if (!mine.result().total().equals(posted.total())) {
            return java.util.Optional.of("total: " + mine.result().total() + " recomputed, " + posted.total() + " posted");
        }
        return java.util.Optional.empty();
    }

    private static String describe(Prune prune) {
        return prune == null ? "none" : "Brain #" + prune.brainId() + " " + (prune.role() == 0 ? "miner" : "validator") + " uid " + prune.uid();
    }
}
