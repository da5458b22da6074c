package ai.based.epochs;

import ai.based.client.BasedSession;
import ai.based.protocol.MerkleTree;
import ai.based.protocol.split.EpochResult;
import ai.based.protocol.split.EpochSplit;
import java.math.BigInteger;
import java.util.List;
import org.web3j.protocol.core.DefaultBlockParameter;

/**
 * Computes one closed epoch from chain data: what every signer must agree on bit for bit before it signs. Every
 * input is the chain as it stood at the epoch's end block, read from logs, so the result does not depend on when a
 * signer computes it.
 */
public final class EpochComputation {
    private EpochComputation() {}

    public static ComputedEpoch compute(BasedSession session, long epoch) throws Exception {
        var emission = session.emission(session.reader());
        if (epoch < 0) throw new IllegalArgumentException("epoch " + epoch + " does not exist: epochs count from 0");
        long current = emission.currentEpoch().send().longValueExact();
        if (epoch >= current) {
            throw new IllegalStateException("epoch " + epoch + " has not closed yet (the chain is in epoch " + current + ")");
        }
        long genesis = emission.GENESIS_BLOCK().send().longValueExact();
        ChainState history = ChainState.read(session, genesis + (epoch + 1) * ai.based.protocol.Economics.EPOCH_BLOCKS - 1);
        ConsensusReplay replay = new ConsensusReplay(history, genesis);
        long endTimestamp = session.node().web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(history.block)), false)
                .send().getBlock().getTimestamp().longValueExact();
        EpochInputs inputs = EpochInputs.read(history, replay, epoch, endTimestamp);
        BigInteger epochEmission = emission.epochEmission(BigInteger.valueOf(epoch)).send();
        EpochResult result = EpochSplit.compute(epoch, epochEmission, history.bonusPoolBps, history.totalStake(), inputs.brains);
        List<Prune> prunes = List.copyOf(inputs.prunes);
        byte[] root = result.rewards().isEmpty()
                ? new byte[32]
                : MerkleTree.build(MerkleTree.rewardLeaves(epoch, result.rewards())).root();
        byte[] digest = EpochResultDigest.digest(session.node().chainId(), session.oracle(session.reader()).getContractAddress(),
                epoch, List.copyOf(result.brainTotals().keySet()), List.copyOf(result.brainTotals().values()), prunes, root);
        return new ComputedEpoch(result, prunes, root, digest, inputs.consensus, inputs.credits);
    }
}
