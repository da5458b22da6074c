package ai.based.oracle;

import ai.based.contracts.BrainRegistry;
import ai.based.protocol.split.BrainEpochInput;
import ai.based.client.BasedSession;
import ai.based.protocol.Economics;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Builds the split's inputs from the chain. Until validator consensus lands (validator issue), every active
 * staked Brain performs at 10,000 bps and every miner carries equal incentive; the split itself is complete.
 */
final class EpochInputs {
    private static final int MINER = 0;
    private static final int VALIDATOR = 1;
    private static final int FULL_PERFORMANCE = Economics.BPS;
    private static final int STAKE_METHOD = 2;

    private EpochInputs() {}

    static List<BrainEpochInput> read(BasedSession session) throws Exception {
        ChainState state = ChainState.read(session);
        var registry = session.registry(session.reader());
        var stakes = session.stakes(session.reader());
        long now = session.node().web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                .getBlock().getTimestamp().longValueExact();
        List<BrainEpochInput> inputs = new ArrayList<>();
        for (Object id : stakes.stakedBrains().send()) {
            BigInteger brainId = (BigInteger) id;
            BrainRegistry.Brain brain = registry.brain(brainId).send();
            if (!brain.active) continue;
            BrainRegistry.Config config = registry.config(brainId).send();
            long b = brainId.longValueExact();
            boolean ownerEligible = brain.method.intValueExact() != STAKE_METHOD
                    || now >= brain.acquiredAt.longValueExact() + Economics.STAKE_ACQUIRED_OWNER_DELAY_SECONDS;
            List<BrainEpochInput.Miner> miners = state.nodes(b, MINER).values().stream()
                    .map(account -> new BrainEpochInput.Miner(account, BigInteger.ONE)).toList();
            List<BrainEpochInput.Validator> validators = new ArrayList<>();
            for (String validator : state.nodes(b, VALIDATOR).values()) {
                int take = stakes.takeOf(brainId, validator).send().intValueExact();
                validators.add(new BrainEpochInput.Validator(validator, take, delegations(state.delegations(b, validator))));
            }
            inputs.add(new BrainEpochInput(b, config.rewardAddress, stakes.brainStake(brainId).send(), FULL_PERFORMANCE,
                    ownerEligible, config.minerShareBps.intValueExact(), config.ownerHandoffBps.intValueExact(),
                    miners, validators, delegations(state.delegations(b, ChainState.NO_VALIDATOR))));
        }
        return inputs;
    }

    private static List<BrainEpochInput.Delegation> delegations(Map<String, BigInteger> amounts) {
        return amounts.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                .map(e -> new BrainEpochInput.Delegation(e.getKey(), e.getValue())).toList();
    }
}
