package ai.based.protocol.consensus;

/**
 * Miner credits (whitepaper 3.4.3): each epoch a miner earns dC_j = sum_i W_ij * S_i, the stake-weighted
 * normalised weights it received ({@link ConsensusResult#credits()}), and keeps the running total. Pure: a new
 * balance array per epoch, in {@link Fixed} units.
 */
public final class Credits {
    private Credits() {}

    /** Balances after one more epoch; a miner the previous balances do not know yet starts from zero. */
    public static long[] accrue(long[] balances, long[] delta) {
        if (balances.length > delta.length) {
            throw new IllegalArgumentException("cannot accrue credits: " + balances.length + " balances but " + delta.length + " miners this epoch");
        }
        long[] out = new long[delta.length];
        for (int j = 0; j < delta.length; j++) {
            if (delta[j] < 0) throw new IllegalArgumentException("cannot accrue credits: negative delta for miner " + j);
            out[j] = Math.addExact(j < balances.length ? balances[j] : 0, delta[j]);
        }
        return out;
    }

    /** Balances with one miner uid back at zero: the uid was handed to a new miner. */
    public static long[] reset(long[] balances, int uid) {
        if (uid < 0 || uid >= balances.length) throw new IllegalArgumentException("cannot reset credits: no miner uid " + uid);
        long[] out = balances.clone();
        out[uid] = 0;
        return out;
    }
}
