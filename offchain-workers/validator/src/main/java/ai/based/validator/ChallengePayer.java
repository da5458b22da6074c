package ai.based.validator;

import ai.based.protocol.wire.Message;

/**
 * Pays a challenge's passes as a user pays a query's: one signed cumulative receipt per sound token, from the
 * validator's spending account ({@link ai.based.miner.remote.ChannelPayer} on chain).
 */
public interface ChallengePayer {
    /** The paying account a session names. */
    String account();

    /** Makes sure the account covers {@code units} more compute units (deposits from the wallet if not). */
    void ensureCovers(int units) throws Exception;

    /** The receipt for one more unit to {@code miner}. */
    Message.Payment oneMoreUnit(String miner) throws Exception;
}
