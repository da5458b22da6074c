package ai.based.oracle;

import ai.based.contracts.BrainRegistry;
import ai.based.contracts.StakeManager;
import ai.based.client.manifest.BasedAiContracts;
import ai.based.client.BasedSession;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Nodes and stake of every Brain, replayed from the registry's and the stake manager's events (a full sync;
 * a long-running oracle would then follow confirmed events).
 */
final class ChainState {
    /** brainId -> role -> uid -> node address */
    final Map<Long, Map<Integer, Map<Long, String>>> nodes = new TreeMap<>();
    /** brainId -> validator (zero address for the Brain itself) -> staker -> amount */
    final Map<Long, Map<String, Map<String, BigInteger>>> stakes = new TreeMap<>();

    static final String NO_VALIDATOR = "0x0000000000000000000000000000000000000000";

    static ChainState read(BasedSession session) throws Exception {
        ChainState state = new ChainState();
        for (Log log : session.logs(BasedAiContracts.BRAIN_REGISTRY, EventEncoder.encode(BrainRegistry.NODEMEMORIZED_EVENT))) {
            BrainRegistry.NodeMemorizedEventResponse e = BrainRegistry.getNodeMemorizedEventFromLog(log);
            state.nodes.computeIfAbsent(e.brainId.longValueExact(), b -> new TreeMap<>())
                    .computeIfAbsent(e.role.intValueExact(), r -> new TreeMap<>())
                    .put(e.uid.longValueExact(), e.node.toLowerCase());
        }
        for (Log log : session.logs(BasedAiContracts.STAKE_MANAGER, EventEncoder.encode(StakeManager.STAKED_EVENT))) {
            StakeManager.StakedEventResponse e = StakeManager.getStakedEventFromLog(log);
            state.move(e.brainId.longValueExact(), e.validator, e.staker, e.amount);
        }
        for (Log log : session.logs(BasedAiContracts.STAKE_MANAGER, EventEncoder.encode(StakeManager.UNSTAKED_EVENT))) {
            StakeManager.UnstakedEventResponse e = StakeManager.getUnstakedEventFromLog(log);
            state.move(e.brainId.longValueExact(), e.validator, e.staker, e.amount.negate());
        }
        return state;
    }

    private void move(long brainId, String validator, String staker, BigInteger delta) {
        stakes.computeIfAbsent(brainId, b -> new TreeMap<>())
                .computeIfAbsent(validator.toLowerCase(), v -> new TreeMap<>())
                .merge(staker.toLowerCase(), delta, BigInteger::add);
    }

    Map<Long, String> nodes(long brainId, int role) {
        return nodes.getOrDefault(brainId, Map.of()).getOrDefault(role, Map.of());
    }

    Map<String, BigInteger> delegations(long brainId, String validator) {
        return stakes.getOrDefault(brainId, Map.of()).getOrDefault(validator.toLowerCase(), Map.of());
    }
}
