package ai.based.validator;

import ai.based.protocol.wire.Message;

/**
 * Pays a challenge's passes as a user pays a query's: one signed cumulative receipt per sound token (per records
 * ciphertext for a diagnosis Brain), from the validator's spending account ({@link ai.based.miner.remote.ChannelPayer} on chain).
 */
public interface ChallengePayer {
    /** The paying account a session names. */
    String account();

    /** Makes sure the account covers {@code units} more compute units (deposits from the wallet if not). */
    void ensureCovers(int units) throws Exception;

    /** The receipt for one more unit to {@code miner}. */
    Message.Payment oneMoreUnit(String miner) throws Exception;

    /**
     * The receipt for {@code units} more units to {@code miner} (a diagnosis request pays one per records ciphertext).
     * Receipts are cumulative, so the last of {@code units} single ones says the same; a payer with a ledger overrides
     * this to write it once.
     */
    default Message.Payment moreUnits(String miner, int units) throws Exception {
        if (units < 1) throw new IllegalArgumentException("a receipt pays at least one unit, got " + units);
        Message.Payment last = null;
        for (int u = 0; u < units; u++) last = oneMoreUnit(miner);
        return last;
    }
}
