package ai.based.oracle.enforcer;

import ai.based.client.BasedSession;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.client.basedai.MinerDirectory;
import ai.based.client.basedai.NodeRole;
import ai.based.client.basedai.ServingMiner;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.contracts.BrainRegistry;
import ai.based.contracts.EmissionController;
import ai.based.contracts.EpochOracle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Reads a Brain's epoch from the BasedAI chain: revealed weights from ValidatorWeights' events (the commit epoch's,
 * revealed in the epoch after), node counts and registration blocks from the registry, serving announcements from the
 * miner directory, the Brain's reward from EpochOracle's BrainEpochTotal events, and the epoch's block times from its
 * first and last blocks. Registry state is read as it is now (the chain keeps no per-epoch copy of it): a uid counts as
 * a miner from the epoch its current holder registered in, and "serving" is the current announcement; per pass these
 * are read once per Brain, not once per epoch.
 */
public final class ChainEpochSource implements EpochSource {
    private final BasedSession session;
    private final ValidatorWeightsClient weights;
    private final EmissionController emission;
    private final long genesisBlock;
    private final long epochBlocks;
    private final Map<Long, Registry> registries = new HashMap<>();
    private final Map<String, BigInteger> brainTotals = new HashMap<>();
    private long totalsScannedTo;

    private record Registry(long atEpoch, int validators, long[] registeredEpoch, boolean[] serving) {}

    public ChainEpochSource(BasedSession session) throws Exception {
        this.session = session;
        this.weights = new ValidatorWeightsClient(session);
        this.emission = session.emission(session.reader());
        this.genesisBlock = emission.GENESIS_BLOCK().send().longValueExact();
        this.epochBlocks = emission.EPOCH_BLOCKS().send().longValueExact();
        this.totalsScannedTo = session.deployment().deployedAtBlock() - 1;
    }

    @Override
    public long currentEpoch() throws Exception {
        return emission.currentEpoch().send().longValueExact();
    }

    @Override
    public long blocksIntoEpoch() throws Exception {
        long block = session.node().blockNumber().longValueExact();
        return Math.max(0, block - genesisBlock) % epochBlocks;
    }

    @Override
    public EpochObservation observe(long brainId, long epoch) throws Exception {
        long now = currentEpoch();
        Registry registry = registries.get(brainId);
        if (registry == null || registry.atEpoch() != now) {
            registry = readRegistry(brainId, now);
            registries.put(brainId, registry);
        }
        // uids are handed out in order, so an epoch's miners are a prefix: up to the last uid registered by then (a uid
        // replaced later keeps its place, its new holder's series starting at the replacement)
        int miners = 0;
        for (int uid = 0; uid < registry.registeredEpoch().length; uid++) if (registry.registeredEpoch()[uid] <= epoch) miners = uid + 1;
        long[] registered = java.util.Arrays.copyOf(registry.registeredEpoch(), miners);
        boolean[] serving = java.util.Arrays.copyOf(registry.serving(), miners);
        List<EpochObservation.Weights> revealed = new ArrayList<>();
        for (ValidatorWeightsClient.RevealedWeights w : weights.revealed(brainId, epoch)) revealed.add(new EpochObservation.Weights(w.uids(), w.weights()));
        BigInteger total = brainTotal(brainId, epoch);
        double based = new BigDecimal(total).movePointLeft(18).doubleValue();
        return new EpochObservation(brainId, epoch, miners, registry.validators(), registered, revealed, serving, blockSeconds(epoch), based);
    }

    /** The Brains the registry has synced as active (the last BrainSynced event per Brain decides), ascending. */
    public List<Long> activeBrains() throws Exception {
        java.util.TreeMap<Long, Boolean> active = new java.util.TreeMap<>();
        for (Log log : session.logs(BasedAiContracts.BRAIN_REGISTRY, EventEncoder.encode(BrainRegistry.BRAINSYNCED_EVENT))) {
            BrainRegistry.BrainSyncedEventResponse event = BrainRegistry.getBrainSyncedEventFromLog(log);
            active.put(event.brainId.longValueExact(), event.active);
        }
        List<Long> out = new ArrayList<>();
        active.forEach((brain, isActive) -> {
            if (isActive) out.add(brain);
        });
        return out;
    }

    private Registry readRegistry(long brainId, long now) throws Exception {
        BrainRegistry registry = session.registry(session.reader());
        BigInteger brain = BigInteger.valueOf(brainId);
        int miners = registry.nodeCount(brain, NodeRole.MINER.onChain()).send().intValueExact();
        int validators = registry.nodeCount(brain, NodeRole.VALIDATOR.onChain()).send().intValueExact();
        long[] registered = new long[miners];
        for (int uid = 0; uid < miners; uid++) {
            long block = registry.node(brain, NodeRole.MINER.onChain(), BigInteger.valueOf(uid)).send().registeredAt.longValueExact();
            registered[uid] = Math.max(0, block - genesisBlock) / epochBlocks;
        }
        Set<Long> announced = new HashSet<>();
        for (ServingMiner m : new MinerDirectory(session).serving(brainId)) announced.add(m.uid());
        boolean[] serving = new boolean[miners];
        for (int uid = 0; uid < miners; uid++) serving[uid] = announced.contains((long) uid);
        return new Registry(now, validators, registered, serving);
    }

    /** The Brain's reward in the epoch, from the oracle's events (scanned forward once; zero until posted). */
    private BigInteger brainTotal(long brainId, long epoch) throws Exception {
        long head = session.node().blockNumber().longValueExact();
        if (head > totalsScannedTo) {
            String topic = EventEncoder.encode(EpochOracle.BRAINEPOCHTOTAL_EVENT);
            for (Log log : session.logs(BasedAiContracts.EPOCH_ORACLE, topic, totalsScannedTo + 1, head)) {
                EpochOracle.BrainEpochTotalEventResponse event = EpochOracle.getBrainEpochTotalEventFromLog(log);
                brainTotals.put(event.epoch + "/" + event.brainId, event.total);
            }
            totalsScannedTo = head;
        }
        return brainTotals.getOrDefault(epoch + "/" + brainId, BigInteger.ZERO);
    }

    /**
     * Mean seconds per block over the epoch's blocks that exist so far; NaN (a missing value, not an error) for an epoch
     * with fewer than two blocks or whose blocks the node does not have (before a devnet's first block, or pruned).
     */
    private double blockSeconds(long epoch) throws Exception {
        long first = genesisBlock + epoch * epochBlocks;
        long last = Math.min(first + epochBlocks - 1, session.node().blockNumber().longValueExact());
        if (last <= first) return Double.NaN;
        return (timestamp(last) - timestamp(first)) / (double) (last - first);
    }

    private double timestamp(long block) throws Exception {
        var response = session.node().web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false).send();
        if (response.hasError() || response.getBlock() == null) return Double.NaN;
        return response.getBlock().getTimestamp().doubleValue();
    }
}
