package ai.based.portal.network;

import ai.based.client.BasedSession;
import ai.based.client.basedai.NodeRole;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.contracts.BrainRegistry;
import ai.based.contracts.EpochOracle;
import ai.based.contracts.ValidatorWeights;
import ai.based.protocol.consensus.Fixed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * One Brain as the BasedAI chain sees it: owner and configuration, registration fee, stake, a page of its miners
 * (with the endpoints they announced) and validators, its emission per posted epoch, the weights its validators
 * revealed per epoch (mean weight per miner uid, 0..65535) and, for the newest closed epochs, each miner's incentive
 * and each validator's dividends as the oracles compute them. Node lists are paged ({@link #MAX_PAGE} per role per
 * answer); epoch history comes from two {@link LogCursor}s that keep the newest events only; the consensus from
 * {@link ClosedEpochs}, which computes it in the background and keeps the newest {@link #CONSENSUS_EPOCHS} epochs.
 */
final class BrainDetail implements AutoCloseable {
    static final long MAX_BRAIN_ID = 1023;
    static final int MAX_PAGE = 32;
    static final int EPOCH_EVENTS_KEPT = 4096;
    static final int REVEALS_KEPT = 2048;
    static final int EPOCHS_SHOWN = 16;
    /** Closed epochs whose consensus is shown; each is computed once from the chain's logs and kept. */
    static final int CONSENSUS_EPOCHS = 4;

    private final BasedSession session;
    private final LogCursor brainTotals;
    private final LogCursor reveals;
    private final ClosedEpochs closedEpochs;

    BrainDetail(BasedSession session) {
        this.session = session;
        this.closedEpochs = new ClosedEpochs(session, CONSENSUS_EPOCHS);
        this.brainTotals = new LogCursor(session, BasedAiContracts.EPOCH_ORACLE, EventEncoder.encode(EpochOracle.BRAINEPOCHTOTAL_EVENT),
                EPOCH_EVENTS_KEPT);
        this.reveals = new LogCursor(session, BasedAiContracts.VALIDATOR_WEIGHTS,
                EventEncoder.encode(ValidatorWeights.WEIGHTSREVEALED_EVENT), REVEALS_KEPT);
    }

    JsonObject read(long brainId, int offset, long head) throws Exception {
        BrainRegistry registry = session.registry(session.reader());
        BigInteger id = BigInteger.valueOf(brainId);
        BrainRegistry.Brain brain = registry.brain(id).send();
        BrainRegistry.Config config = registry.config(id).send();
        var stakes = session.stakes(session.reader());
        long miners = registry.nodeCount(id, NodeRole.MINER.onChain()).send().longValueExact();
        long validators = registry.nodeCount(id, NodeRole.VALIDATOR.onChain()).send().longValueExact();
        JsonObject answer = new JsonObject()
                .put("brainId", brainId).put("head", head)
                .put("owner", brain.owner).put("active", brain.active).put("method", brain.method.intValueExact())
                .put("acquiredAt", brain.acquiredAt.longValueExact())
                .put("reservedRole", registry.reservedRole(id).send())
                .put("config", new JsonObject().put("name", config.name).put("modelId", config.modelId).put("sourceUrl", config.sourceUrl)
                        .put("rewardAddress", config.rewardAddress).put("minerShareBps", config.minerShareBps.intValueExact())
                        .put("ownerHandoffBps", config.ownerHandoffBps.intValueExact()).put("configured", config.configured))
                .put("registrationFee", registry.registrationFee(id).send().toString())
                .put("stake", stakes.brainStake(id).send().toString())
                .put("minerCount", miners).put("validatorCount", validators).put("offset", offset)
                .put("miners", nodes(registry, id, NodeRole.MINER, offset, miners))
                .put("validators", nodes(registry, id, NodeRole.VALIDATOR, offset, validators));
        answer.put("emissions", emissions(brainId, head)).put("scores", scores(brainId, head));
        long currentEpoch = session.emission(session.reader()).currentEpoch().send().longValueExact();
        putConsensus(answer, closedEpochs.newest(currentEpoch), brainId, offset);
        answer.put("historyComplete", brainTotals.caughtUp(head) && reveals.caughtUp(head));
        return answer;
    }

    /**
     * Per closed epoch computed so far (oldest first): the incentive of the page's miners and the dividends of its
     * validators, shares of 1 by uid, as every oracle signer computes them from the chain (Yuma consensus over the
     * weights revealed in that epoch). {@code validated} says whether any validator's weights counted: without them
     * every miner's incentive is zero. A Brain without consensus (not staked, inactive, no miners or no validators) has
     * empty lists. The epochs still being computed are listed, and the answer is then not
     * {@link HeadCache#SETTLED settled}, so the page asks again without waiting for a block.
     */
    private static void putConsensus(JsonObject answer, ClosedEpochs.View view, long brainId, int offset) {
        JsonArray rows = new JsonArray();
        view.computed().forEach((epoch, brains) -> {
            ClosedEpochs.Shares shares = brains.get(brainId);
            boolean validated = shares != null && Arrays.stream(shares.incentive()).anyMatch(share -> share > 0);
            rows.add(new JsonObject().put("epoch", epoch).put("validated", validated)
                    .put("incentive", page(shares == null ? new long[0] : shares.incentive(), offset))
                    .put("dividends", page(shares == null ? new long[0] : shares.dividends(), offset)));
        });
        answer.put("consensus", rows).put("consensusPending", new JsonArray(view.pending()));
        if (view.problem() != null) answer.put("consensusProblem", view.problem());
        answer.put(HeadCache.SETTLED, view.pending().isEmpty());
    }

    /** The uids of the page, with their share as a number from 0 to 1. */
    private static JsonArray page(long[] shares, int offset) {
        JsonArray rows = new JsonArray();
        for (int uid = offset; uid < Math.min(shares.length, offset + MAX_PAGE); uid++) {
            rows.add(new JsonObject().put("uid", uid).put("share", Fixed.toDouble(shares[uid])));
        }
        return rows;
    }

    private JsonArray nodes(BrainRegistry registry, BigInteger id, NodeRole role, int offset, long count) throws Exception {
        JsonArray rows = new JsonArray();
        var stakes = session.stakes(session.reader());
        for (long uid = offset; uid < Math.min(count, (long) offset + MAX_PAGE); uid++) {
            BrainRegistry.Node node = registry.node(id, role.onChain(), BigInteger.valueOf(uid)).send();
            JsonObject row = new JsonObject().put("uid", uid).put("account", node.account)
                    .put("registeredAt", node.registeredAt.longValueExact());
            if (role == NodeRole.MINER) {
                BrainRegistry.Axon axon = registry.axon(id, BigInteger.valueOf(uid)).send();
                row.put("endpoint", axon.endpoint).put("certificateHash", Numeric.toHexString(axon.certificateHash));
            } else {
                row.put("stake", stakes.validatorStake(id, node.account).send().toString());
            }
            rows.add(row);
        }
        return rows;
    }

    /** The Brain's total per posted epoch (the oracle's BrainEpochTotal events), newest {@link #EPOCHS_SHOWN}. */
    private JsonArray emissions(long brainId, long head) throws Exception {
        TreeMap<Long, String> perEpoch = new TreeMap<>();
        for (Log log : brainTotals.upTo(head)) {
            var event = EpochOracle.getBrainEpochTotalEventFromLog(log);
            if (event.brainId.longValueExact() == brainId) perEpoch.put(event.epoch.longValueExact(), event.total.toString());
        }
        JsonArray rows = new JsonArray();
        for (Map.Entry<Long, String> e : perEpoch.descendingMap().entrySet()) {
            if (rows.size() == EPOCHS_SHOWN) break;
            rows.add(0, new JsonObject().put("epoch", e.getKey()).put("total", e.getValue()));
        }
        return rows;
    }

    /** Mean revealed weight per miner uid per epoch, newest {@link #EPOCHS_SHOWN} epochs. */
    private JsonArray scores(long brainId, long head) throws Exception {
        TreeMap<Long, TreeMap<Long, long[]>> perEpoch = new TreeMap<>();
        for (Log log : reveals.upTo(head)) {
            var event = ValidatorWeights.getWeightsRevealedEventFromLog(log);
            if (event.brainId.longValueExact() != brainId) continue;
            var byUid = perEpoch.computeIfAbsent(event.epoch.longValueExact(), e -> new TreeMap<>());
            for (int i = 0; i < event.uids.size() && i < event.weights.size(); i++) {
                long[] sumAndCount = byUid.computeIfAbsent(event.uids.get(i).longValueExact(), u -> new long[2]);
                sumAndCount[0] += event.weights.get(i).longValueExact();
                sumAndCount[1]++;
            }
        }
        JsonArray rows = new JsonArray();
        for (var epoch : perEpoch.descendingMap().entrySet()) {
            if (rows.size() == EPOCHS_SHOWN) break;
            JsonArray weights = new JsonArray();
            epoch.getValue().forEach((uid, s) -> weights.add(new JsonObject().put("uid", uid).put("weight", s[0] / s[1])
                    .put("validators", s[1])));
            rows.add(0, new JsonObject().put("epoch", epoch.getKey()).put("weights", weights));
        }
        return rows;
    }

    @Override
    public void close() {
        closedEpochs.close();
    }
}
