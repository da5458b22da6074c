package ai.based.oracle;

import ai.based.protocol.Economics;
import ai.based.protocol.consensus.YumaParameters;
import ai.based.protocol.epoch.BondState;
import ai.based.protocol.epoch.BrainEpoch;
import ai.based.protocol.epoch.BrainOutcome;
import ai.based.protocol.epoch.BrainSnapshot;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Brain's consensus for an epoch, with the bonds every earlier epoch left. Bonds are not stored on chain: each
 * signer replays the Brain's epochs from the first one with revealed weights, each from the chain as it stood at
 * that epoch's end block, so anyone with the chain's logs gets the same bonds. The replay costs one consensus per
 * epoch of the Brain's validated life.
 */
final class ConsensusReplay {
    private static final int MINER = 0;
    private static final int VALIDATOR = 1;

    private final ChainState history;
    private final long genesisBlock;

    ConsensusReplay(ChainState history, long genesisBlock) {
        this.history = history;
        this.genesisBlock = genesisBlock;
    }

    long endBlock(long epoch) {
        return genesisBlock + (epoch + 1) * Economics.EPOCH_BLOCKS - 1;
    }

    BrainOutcome outcome(long brainId, long epoch) {
        long first = history.firstCommitEpoch(brainId).map(commit -> commit + 1).orElse(epoch);
        BondState bonds = null;
        for (long e = Math.min(first, epoch); e < epoch; e++) bonds = run(brainId, e, bonds).bonds();
        return run(brainId, epoch, bonds);
    }

    private BrainOutcome run(long brainId, long epoch, BondState previous) {
        long end = endBlock(epoch);
        ChainState at = history.at(end);
        BrainSnapshot snapshot = snapshot(at, brainId, epoch);
        YumaParameters parameters = YumaParameters.defaults().withVariant(at.bondVariant);
        return BrainEpoch.run(snapshot, previous, parameters, end);
    }

    private BrainSnapshot snapshot(ChainState at, long brainId, long epoch) {
        List<BrainSnapshot.Node> validators = new ArrayList<>();
        for (Map.Entry<Long, ChainState.Registration> entry : at.nodes(brainId, VALIDATOR).entrySet()) {
            String account = entry.getValue().account();
            BigInteger stake = at.delegations(brainId, account).values().stream().reduce(BigInteger.ZERO, BigInteger::add);
            validators.add(new BrainSnapshot.Node(Math.toIntExact(entry.getKey()), account, stake, entry.getValue().block()));
        }
        List<BrainSnapshot.Node> miners = new ArrayList<>();
        for (Map.Entry<Long, ChainState.Registration> entry : at.nodes(brainId, MINER).entrySet()) {
            miners.add(new BrainSnapshot.Node(Math.toIntExact(entry.getKey()), entry.getValue().account(), BigInteger.ZERO,
                    entry.getValue().block()));
        }
        return new BrainSnapshot(brainId, validators, miners, at.reveals(brainId, epoch - 1), endBlock(epoch - 1));
    }
}
