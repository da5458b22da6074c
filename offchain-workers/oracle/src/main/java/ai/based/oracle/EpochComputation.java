package ai.based.oracle;

import ai.based.client.BasedSession;
import ai.based.protocol.MerkleTree;
import ai.based.protocol.split.EpochResult;
import ai.based.protocol.split.EpochSplit;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/** Computes one closed epoch from chain data: what every signer must agree on bit for bit before it signs. */
public final class EpochComputation {
    private EpochComputation() {}

    public static ComputedEpoch compute(BasedSession session, long epoch) throws Exception {
        var emission = session.emission(session.reader());
        BigInteger epochEmission = emission.epochEmission(BigInteger.valueOf(epoch)).send();
        int bonusBps = emission.bonusPoolBps().send().intValueExact();
        BigInteger networkStake = session.stakes(session.reader()).totalStake().send();
        EpochResult result = EpochSplit.compute(epoch, epochEmission, bonusBps, networkStake, EpochInputs.read(session));
        List<Prune> prunes = List.of();
        byte[] root = result.rewards().isEmpty()
                ? new byte[32]
                : MerkleTree.build(MerkleTree.rewardLeaves(epoch, result.rewards())).root();
        byte[] digest = EpochResultDigest.digest(session.node().chainId(), session.oracle(session.reader()).getContractAddress(),
                epoch, List.copyOf(result.brainTotals().keySet()), List.copyOf(result.brainTotals().values()), prunes, root);
        return new ComputedEpoch(result, prunes, root, digest, Map.of());
    }
}
