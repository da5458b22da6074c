package ai.based.client.devnet;

import ai.based.chain.anvil.DevnetClock;
import ai.based.client.BasedSession;
import java.math.BigInteger;

/** Brings a BasedAI devnet's epochs to their end by mining empty blocks, as a live chain would bring its blocks. */
public final class DevnetEpochs {
    private DevnetEpochs() {}

    /** The first block of epoch {@code epoch + 1}: from there on, epoch {@code epoch} has closed. */
    public static long closesAt(BasedSession session, long epoch) throws Exception {
        return session.emission(session.reader()).epochStartBlock(BigInteger.valueOf(epoch + 1)).send().longValueExact();
    }

    /** Mines until epoch {@code epoch} has closed; nothing when it already has. */
    public static void close(BasedSession session, long epoch) throws Exception {
        long closesAt = closesAt(session, epoch);
        long now = session.node().blockNumber().longValueExact();
        if (now < closesAt) DevnetClock.mine(session.node(), closesAt - now);
    }
}
