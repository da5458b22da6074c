package ai.based.epochs;

import ai.based.protocol.Economics;
import ai.based.protocol.consensus.Credits;
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
 * that epoch's end block, so anyone with the chain's logs gets the same bonds, and each miner's credits (whitepaper
 * 3.4.3: the sum over epochs of dC = W.S) with them. The replay costs one consensus per
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

    long genesisBlock() {
        return genesisBlock;
    }

    long endBlock(long epoch) {
        return genesisBlock + (epoch + 1) * Economics.EPOCH_BLOCKS - 1;
    }

    /** An epoch's outcome with each miner uid's credits to date (Fixed units; a uid that changed hands starts at zero). */
    record Replayed(BrainOutcome outcome, long[] credits) {}

    Replayed replay(long brainId, long epoch) {
        long first = history.firstCommitEpoch(brainId).map(commit -> commit + 1).orElse(epoch);
        BondState bonds = null;
        long[] credits = new long[0];
        List<BrainSnapshot.Node> holders = List.of();
        BrainOutcome outcome = null;
        for (long e = Math.min(first, epoch); e <= epoch; e++) {
            ChainState at = history.at(endBlock(e));
            BrainSnapshot snapshot = snapshot(at, brainId, e);
            outcome = BrainEpoch.run(snapshot, bonds, YumaParameters.defaults().withVariant(at.bondVariant), endBlock(e));
            credits = creditsFor(credits, holders, snapshot.miners());
            if (outcome.consensus().isPresent()) credits = Credits.accrue(credits, outcome.consensus().get().credits());
            holders = snapshot.miners();
            bonds = outcome.bonds();
        }
        return new Replayed(outcome, credits);
    }

    /** Last epoch's balances laid over this epoch's miners: a new uid, or one that changed hands, starts from zero. */
    private static long[] creditsFor(long[] balances, List<BrainSnapshot.Node> before, List<BrainSnapshot.Node> now) {
        long[] out = new long[now.size()];
        for (int j = 0; j < Math.min(before.size(), now.size()); j++) {
            boolean sameHolder = before.get(j).account().equals(now.get(j).account())
                    && before.get(j).registeredAt() == now.get(j).registeredAt();
            if (sameHolder) out[j] = balances[j];
        }
        return out;
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
