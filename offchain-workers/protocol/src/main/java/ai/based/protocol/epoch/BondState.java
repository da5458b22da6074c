package ai.based.protocol.epoch;

import java.util.List;

/**
 * A Brain's bonds after an epoch, with who held each row's and column's uid then: bonds belong to a validator and a
 * miner, not to the uids, so a uid that changed hands starts again from zero.
 *
 * @param bonds validators x miners, {@link ai.based.protocol.consensus.Fixed} units
 */
public record BondState(List<BrainSnapshot.Node> validators, List<BrainSnapshot.Node> miners, long[][] bonds) {

    /** These bonds laid over a new snapshot's uids: rows and columns whose holder changed or is new are zero. */
    long[][] carriedInto(BrainSnapshot snapshot) {
        int n = snapshot.validators().size();
        int m = snapshot.miners().size();
        long[][] out = new long[n][m];
        for (int i = 0; i < Math.min(n, validators.size()); i++) {
            if (!sameHolder(validators.get(i), snapshot.validators().get(i))) continue;
            for (int j = 0; j < Math.min(m, miners.size()); j++) {
                if (sameHolder(miners.get(j), snapshot.miners().get(j))) out[i][j] = bonds[i][j];
            }
        }
        return out;
    }

    private static boolean sameHolder(BrainSnapshot.Node before, BrainSnapshot.Node now) {
        return before.account().equals(now.account()) && before.registeredAt() == now.registeredAt();
    }
}
