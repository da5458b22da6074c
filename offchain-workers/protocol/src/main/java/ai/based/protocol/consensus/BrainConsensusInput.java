package ai.based.protocol.consensus;

import java.math.BigInteger;

/**
 * One Brain's consensus input for one epoch: n validators (rows) and m miners (columns).
 *
 * @param stakes each validator's stake, any integer unit (wei), never negative
 * @param permits validator permits: a validator without one has its stake and its weights ignored
 * @param active false for a validator that has not been active lately: its stake is masked
 * @param weights the revealed weights as on chain, u16 (0..65,535) per validator and miner, any scale per row; the
 *     caller zeroes a weight set before its miner uid was last registered (subtensor's "outdated" mask)
 * @param selfMinerUid the miner uid each validator also holds on this Brain, or -1: that self-weight is dropped
 * @param previousBonds last epoch's {@link ConsensusResult#bonds()} (n x m, {@link Fixed} units), or null
 *     before the first epoch; the caller zeroes the column of a miner uid that changed hands
 */
public record BrainConsensusInput(BigInteger[] stakes, boolean[] permits, boolean[] active, int[][] weights,
        int[] selfMinerUid, long[][] previousBonds) {

    private static final int MAX_VALIDATORS = 65_535;
    private static final int U16_MAX = 65_535;

    public BrainConsensusInput {
        int n = stakes.length;
        if (n == 0 || n > MAX_VALIDATORS) throw new IllegalArgumentException("cannot compute consensus: " + n + " validators (1.." + MAX_VALIDATORS + ")");
        if (permits.length != n || active.length != n || weights.length != n || selfMinerUid.length != n) {
            throw new IllegalArgumentException("cannot compute consensus: stakes, permits, active flags, weight rows and self uids must all have "
                    + n + " entries (got " + permits.length + ", " + active.length + ", " + weights.length + ", " + selfMinerUid.length + ")");
        }
        int m = weights[0].length;
        if (m == 0) throw new IllegalArgumentException("cannot compute consensus: no miners");
        for (int i = 0; i < n; i++) {
            if (stakes[i] == null || stakes[i].signum() < 0) throw new IllegalArgumentException("validator " + i + " has a negative or missing stake");
            if (weights[i].length != m) throw new IllegalArgumentException("weight row " + i + " has " + weights[i].length + " miners, row 0 has " + m);
            for (int j = 0; j < m; j++) {
                if (weights[i][j] < 0 || weights[i][j] > U16_MAX) {
                    throw new IllegalArgumentException("weight [" + i + "][" + j + "] = " + weights[i][j] + " is not a u16");
                }
            }
            if (selfMinerUid[i] < -1 || selfMinerUid[i] >= m) throw new IllegalArgumentException("validator " + i + " maps to unknown miner uid " + selfMinerUid[i]);
        }
        if (previousBonds != null) {
            if (previousBonds.length != n) throw new IllegalArgumentException("previous bonds have " + previousBonds.length + " rows, expected " + n);
            for (long[] row : previousBonds) {
                if (row.length != m) throw new IllegalArgumentException("a previous bond row has " + row.length + " miners, expected " + m);
                for (long bond : row) {
                    if (bond < 0 || bond > Fixed.ONE) throw new IllegalArgumentException("a previous bond is outside [0, 1]: " + bond);
                }
            }
        }
    }

    /** Every validator permitted and active, no validator also a miner, no bonds yet. */
    public static BrainConsensusInput of(BigInteger[] stakes, int[][] weights) {
        int n = stakes.length;
        boolean[] all = new boolean[n];
        java.util.Arrays.fill(all, true);
        int[] none = new int[n];
        java.util.Arrays.fill(none, -1);
        return new BrainConsensusInput(stakes, all, all.clone(), weights, none, null);
    }

    public BrainConsensusInput withPreviousBonds(long[][] bonds) {
        return new BrainConsensusInput(stakes, permits, active, weights, selfMinerUid, bonds);
    }

    public int validators() {
        return stakes.length;
    }

    public int miners() {
        return weights[0].length;
    }
}
