package ai.based.epochs;

import ai.based.client.BasedSession;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.contracts.BrainRegistry;
import ai.based.contracts.EmissionController;
import ai.based.contracts.EnforcerForecasts;
import ai.based.contracts.StakeManager;
import ai.based.contracts.ValidatorWeights;
import ai.based.protocol.Economics;
import ai.based.protocol.consensus.BondVariant;
import ai.based.protocol.epoch.BrainSnapshot;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The chain's history that an epoch depends on, replayed from events up to one block: Brains (sync and
 * configuration), nodes, stakes, validators' takes, the bonus pool, revealed weights, the bond variant and the TFT
 * Enforcer's forecasts. Everything comes from logs rather than from
 * calls at old blocks (a node keeps logs, not old states), so any signer, and anyone checking later, reads the
 * same values for the same block.
 */
final class ChainState {
    static final String NO_VALIDATOR = "0x0000000000000000000000000000000000000000";
    private static final int STAKE_METHOD = 2;

    /** The position of an event in the chain: events replay in this order. */
    record Position(long block, long index) implements Comparable<Position> {
        static Position of(Log log) {
            return new Position(log.getBlockNumber().longValueExact(), log.getLogIndex().longValueExact());
        }

        @Override
        public int compareTo(Position other) {
            return Comparator.comparingLong(Position::block).thenComparingLong(Position::index).compare(this, other);
        }
    }

    /** A Brain as its sync events left it. */
    record Brain(String owner, boolean stakeAcquired, long acquiredAt, boolean active) {}

    /** What the Brain's owner configured (defaults before any configuration). */
    record Config(String rewardAddress, int minerShareBps, int ownerHandoffBps) {}

    /** A node's uid registration: the block it took the uid in. */
    record Registration(String account, long block) {}

    private sealed interface Change permits Sync, Configure, Memorize, Stake, Take, Bonus, Reveal, Variant, Forecast {}

    private record Sync(long brainId, String owner, int method, long acquiredAt, boolean active) implements Change {}

    private record Configure(long brainId, String rewardAddress, int minerShareBps, int ownerHandoffBps) implements Change {}

    private record Memorize(long brainId, int role, long uid, String node) implements Change {}

    private record Stake(long brainId, String validator, String staker, BigInteger delta) implements Change {}

    private record Take(long brainId, String validator, int takeBps) implements Change {}

    private record Bonus(int bps) implements Change {}

    private record Reveal(long brainId, long commitEpoch, String validator, BrainSnapshot.Reveal weights) implements Change {}

    private record Variant(int variant) implements Change {}

    /** The TFT Enforcer's forecast for a Brain's epoch: miner uids and u16 values. */
    record Forecast(long epoch, long brainId, int[] uids, int[] values) implements Change {}

    private final TreeMap<Position, Change> changes;
    final long block;
    final Map<Long, Brain> brains = new TreeMap<>();
    final Map<Long, Config> configs = new TreeMap<>();
    /** brainId -> role -> uid -> registration */
    final Map<Long, Map<Integer, TreeMap<Long, Registration>>> nodes = new TreeMap<>();
    /** brainId -> validator (zero address for the Brain itself) -> staker -> amount */
    final Map<Long, Map<String, Map<String, BigInteger>>> stakes = new TreeMap<>();
    private final Map<Long, Map<String, Integer>> takes = new TreeMap<>();
    /** brainId -> commit epoch -> validator -> revealed weights */
    private final Map<Long, TreeMap<Long, Map<String, BrainSnapshot.Reveal>>> reveals = new TreeMap<>();
    /** epoch -> brainId -> forecast */
    private final Map<Long, Map<Long, Forecast>> forecasts = new TreeMap<>();
    int bonusPoolBps = Economics.DEFAULT_BONUS_POOL_BPS;
    BondVariant bondVariant = BondVariant.YUMA;

    private ChainState(TreeMap<Position, Change> changes, long block) {
        this.changes = changes;
        this.block = block;
        for (var entry : changes.headMap(new Position(block, Long.MAX_VALUE), true).entrySet()) apply(entry.getKey(), entry.getValue());
    }

    /** Everything up to and including {@code toBlock}. */
    static ChainState read(BasedSession session, long toBlock) throws Exception {
        long from = session.deployment().deployedAtBlock();
        TreeMap<Position, Change> changes = new TreeMap<>();
        for (Log log : session.logs(BasedAiContracts.BRAIN_REGISTRY, EventEncoder.encode(BrainRegistry.BRAINSYNCED_EVENT), from, toBlock)) {
            var e = BrainRegistry.getBrainSyncedEventFromLog(log);
            changes.put(Position.of(log), new Sync(e.brainId.longValueExact(), e.owner.toLowerCase(), e.method.intValueExact(),
                    e.acquiredAt.longValueExact(), e.active));
        }
        for (Log log : session.logs(BasedAiContracts.BRAIN_REGISTRY, EventEncoder.encode(BrainRegistry.BRAINCONFIGURED_EVENT), from, toBlock)) {
            var e = BrainRegistry.getBrainConfiguredEventFromLog(log);
            changes.put(Position.of(log), new Configure(e.brainId.longValueExact(), e.rewardAddress.toLowerCase(),
                    e.minerShareBps.intValueExact(), e.ownerHandoffBps.intValueExact()));
        }
        for (Log log : session.logs(BasedAiContracts.BRAIN_REGISTRY, EventEncoder.encode(BrainRegistry.NODEMEMORIZED_EVENT), from, toBlock)) {
            var e = BrainRegistry.getNodeMemorizedEventFromLog(log);
            changes.put(Position.of(log), new Memorize(e.brainId.longValueExact(), e.role.intValueExact(), e.uid.longValueExact(),
                    e.node.toLowerCase()));
        }
        for (Log log : session.logs(BasedAiContracts.BRAIN_REGISTRY, EventEncoder.encode(BrainRegistry.NODEREPLACED_EVENT), from, toBlock)) {
            var e = BrainRegistry.getNodeReplacedEventFromLog(log);
            changes.put(Position.of(log), new Memorize(e.brainId.longValueExact(), e.role.intValueExact(), e.uid.longValueExact(),
                    e.node.toLowerCase()));
        }
        for (Log log : session.logs(BasedAiContracts.STAKE_MANAGER, EventEncoder.encode(StakeManager.STAKED_EVENT), from, toBlock)) {
            var e = StakeManager.getStakedEventFromLog(log);
            changes.put(Position.of(log), new Stake(e.brainId.longValueExact(), e.validator.toLowerCase(), e.staker.toLowerCase(), e.amount));
        }
        for (Log log : session.logs(BasedAiContracts.STAKE_MANAGER, EventEncoder.encode(StakeManager.UNSTAKED_EVENT), from, toBlock)) {
            var e = StakeManager.getUnstakedEventFromLog(log);
            changes.put(Position.of(log), new Stake(e.brainId.longValueExact(), e.validator.toLowerCase(), e.staker.toLowerCase(),
                    e.amount.negate()));
        }
        for (Log log : session.logs(BasedAiContracts.STAKE_MANAGER, EventEncoder.encode(StakeManager.TAKESET_EVENT), from, toBlock)) {
            var e = StakeManager.getTakeSetEventFromLog(log);
            changes.put(Position.of(log), new Take(e.brainId.longValueExact(), e.validator.toLowerCase(), e.takeBps.intValueExact()));
        }
        for (Log log : session.logs(BasedAiContracts.EMISSION_CONTROLLER, EventEncoder.encode(EmissionController.BONUSPOOLSET_EVENT), from, toBlock)) {
            changes.put(Position.of(log), new Bonus(EmissionController.getBonusPoolSetEventFromLog(log).bonusPoolBps.intValueExact()));
        }
        for (Log log : session.logs(BasedAiContracts.VALIDATOR_WEIGHTS, EventEncoder.encode(ValidatorWeights.WEIGHTSREVEALED_EVENT), from, toBlock)) {
            var e = ValidatorWeights.getWeightsRevealedEventFromLog(log);
            changes.put(Position.of(log), new Reveal(e.brainId.longValueExact(), e.epoch.longValueExact(), e.validator.toLowerCase(),
                    new BrainSnapshot.Reveal(ints(e.uids), ints(e.weights))));
        }
        for (Log log : session.logs(BasedAiContracts.VALIDATOR_WEIGHTS, EventEncoder.encode(ValidatorWeights.BONDVARIANTSET_EVENT), from, toBlock)) {
            changes.put(Position.of(log), new Variant(ValidatorWeights.getBondVariantSetEventFromLog(log).variant.intValueExact()));
        }
        for (Log log : session.logs(BasedAiContracts.ENFORCER_FORECASTS, EventEncoder.encode(EnforcerForecasts.FORECASTPOSTED_EVENT), from, toBlock)) {
            var e = EnforcerForecasts.getForecastPostedEventFromLog(log);
            changes.put(Position.of(log), new Forecast(e.epoch.longValueExact(), e.brainId.longValueExact(), ints(e.uids), ints(e.values)));
        }
        return new ChainState(changes, toBlock);
    }

    /** The same history as it stood at an earlier block. */
    ChainState at(long earlierBlock) {
        if (earlierBlock > block) throw new IllegalArgumentException("history was read up to block " + block + ", not " + earlierBlock);
        return new ChainState(changes, earlierBlock);
    }

    private void apply(Position position, Change change) {
        switch (change) {
            case Sync s -> {
                Brain before = brains.get(s.brainId());
                brains.put(s.brainId(), new Brain(s.owner(), s.method() == STAKE_METHOD, s.acquiredAt(), s.active()));
                // the registry resets the reward address to a new owner (BrainRegistry.syncBrain)
                if (before != null && !before.owner().equals(s.owner()) && configs.containsKey(s.brainId())) {
                    Config c = configs.get(s.brainId());
                    configs.put(s.brainId(), new Config(s.owner(), c.minerShareBps(), c.ownerHandoffBps()));
                }
            }
            case Configure c -> configs.put(c.brainId(), new Config(c.rewardAddress(), c.minerShareBps(), c.ownerHandoffBps()));
            case Memorize m -> nodes.computeIfAbsent(m.brainId(), b -> new TreeMap<>()).computeIfAbsent(m.role(), r -> new TreeMap<>())
                    .put(m.uid(), new Registration(m.node(), position.block()));
            case Stake s -> stakes.computeIfAbsent(s.brainId(), b -> new TreeMap<>()).computeIfAbsent(s.validator(), v -> new TreeMap<>())
                    .merge(s.staker(), s.delta(), BigInteger::add);
            case Take t -> takes.computeIfAbsent(t.brainId(), b -> new TreeMap<>()).put(t.validator(), t.takeBps());
            case Bonus b -> bonusPoolBps = b.bps();
            case Reveal r -> reveals.computeIfAbsent(r.brainId(), b -> new TreeMap<>()).computeIfAbsent(r.commitEpoch(), e -> new TreeMap<>())
                    .put(r.validator(), r.weights());
            case Variant v -> bondVariant = v.variant() == 1 ? BondVariant.YUMA3 : BondVariant.YUMA;
            case Forecast f -> forecasts.computeIfAbsent(f.epoch(), e -> new TreeMap<>()).put(f.brainId(), f);
        }
    }

    Optional<Brain> brain(long brainId) {
        return Optional.ofNullable(brains.get(brainId));
    }

    Config config(long brainId) {
        Config configured = configs.get(brainId);
        if (configured != null) return configured;
        String owner = brain(brainId).map(Brain::owner).orElse(NO_VALIDATOR);
        return new Config(owner, Economics.DEFAULT_MINER_SHARE_BPS, 0);
    }

    Map<Long, Registration> nodes(long brainId, int role) {
        return nodes.getOrDefault(brainId, Map.of()).getOrDefault(role, new TreeMap<>());
    }

    Map<String, BigInteger> delegations(long brainId, String validator) {
        return stakes.getOrDefault(brainId, Map.of()).getOrDefault(validator.toLowerCase(), Map.of());
    }

    BigInteger brainStake(long brainId) {
        return stakes.getOrDefault(brainId, Map.of()).values().stream().flatMap(m -> m.values().stream())
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    BigInteger totalStake() {
        return stakes.keySet().stream().map(this::brainStake).reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** Brains with stake, ascending. */
    List<Long> stakedBrains() {
        List<Long> out = new ArrayList<>();
        for (long brainId : stakes.keySet()) if (brainStake(brainId).signum() > 0) out.add(brainId);
        return out;
    }

    /** Weights revealed so far for a Brain's commit epoch, by validator. */
    Map<String, BrainSnapshot.Reveal> reveals(long brainId, long commitEpoch) {
        return reveals.getOrDefault(brainId, new TreeMap<>()).getOrDefault(commitEpoch, Map.of());
    }

    /** The first epoch any weights were committed for on a Brain, if any were revealed. */
    Optional<Long> firstCommitEpoch(long brainId) {
        TreeMap<Long, Map<String, BrainSnapshot.Reveal>> byEpoch = reveals.get(brainId);
        return byEpoch == null || byEpoch.isEmpty() ? Optional.empty() : Optional.of(byEpoch.firstKey());
    }

    /** The Enforcer's forecast for a Brain's epoch, if one was posted (at most one can be). */
    Optional<Forecast> forecast(long epoch, long brainId) {
        return Optional.ofNullable(forecasts.getOrDefault(epoch, Map.of()).get(brainId));
    }

    int takeOf(long brainId, String validator) {
        return takes.getOrDefault(brainId, Map.of()).getOrDefault(validator.toLowerCase(), Economics.DEFAULT_VALIDATOR_TAKE_BPS);
    }

    private static int[] ints(List<BigInteger> values) {
        return values.stream().mapToInt(BigInteger::intValueExact).toArray();
    }
}
