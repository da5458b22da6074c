package ai.based.epochs;

import ai.based.protocol.consensus.ConsensusResult;
import ai.based.protocol.split.EpochResult;
import java.util.List;
import java.util.Map;

/**
 * One closed epoch as every oracle signer computes it from chain data alone: the split, the pruning candidates,
 * the Merkle root of the rewards, the EIP-712 digest the signers sign, and the per-Brain consensus it came from
 * (so a signer that disagrees can say where), with each Brain's miner credits to date (per uid, Fixed units; not
 * posted, anyone recomputes them).
 */
public record ComputedEpoch(EpochResult result, List<Prune> prunes, byte[] rewardsRoot, byte[] digest,
        Map<Long, ConsensusResult> consensus, Map<Long, long[]> credits) {

    /** An epoch without credits (results made by hand). */
    public ComputedEpoch(EpochResult result, List<Prune> prunes, byte[] rewardsRoot, byte[] digest, Map<Long, ConsensusResult> consensus) {
        this(result, prunes, rewardsRoot, digest, consensus, Map.of());
    }
}
