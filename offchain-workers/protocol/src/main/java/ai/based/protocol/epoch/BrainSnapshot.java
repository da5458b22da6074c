package ai.based.protocol.epoch;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One Brain as the chain stood at the end block of an epoch.
 *
 * @param validators registered validators in uid order (uid i at index i)
 * @param miners registered miners in uid order (uid j at index j)
 * @param reveals weights revealed for this epoch (committed in the epoch before), by validator address (lower case)
 * @param commitEpochEndBlock the last block of the epoch the weights were committed in: a weight on a miner uid
 *     registered after it was set for the uid's previous holder and is dropped
 */
public record BrainSnapshot(long brainId, List<Node> validators, List<Node> miners, Map<String, Reveal> reveals,
        long commitEpochEndBlock) {

    public BrainSnapshot {
        validators = List.copyOf(validators);
        miners = List.copyOf(miners);
        reveals = Map.copyOf(reveals);
        for (int i = 0; i < validators.size(); i++) requireUid("validator", validators.get(i), i);
        for (int j = 0; j < miners.size(); j++) requireUid("miner", miners.get(j), j);
    }

    /**
     * A registered node.
     *
     * @param account lower-case address
     * @param stake for a validator, everything staked through it (its own stake included); zero for a miner
     * @param registeredAt the block the uid was last (re)registered in
     */
    public record Node(int uid, String account, BigInteger stake, long registeredAt) {}

    /** A validator's revealed row: miner uids strictly ascending, u16 weights. */
    public record Reveal(int[] uids, int[] weights) {
        public Reveal {
            if (uids.length != weights.length) {
                throw new IllegalArgumentException("a reveal has " + uids.length + " uids but " + weights.length + " weights");
            }
        }
    }

    private static void requireUid(String role, Node node, int index) {
        if (node.uid() != index) throw new IllegalArgumentException(role + " at index " + index + " has uid " + node.uid());
    }
}
