package ai.based.chain.anvil;

import ai.based.chain.ChainNode;
import java.math.BigInteger;
import java.time.Duration;
import org.web3j.protocol.core.DefaultBlockParameter;

/** Waits for blocks by polling the node (never by sleeping a guessed time) and reads their timestamps. */
public final class BlockTimes {
    private static final long POLL_MS = 100;

    private BlockTimes() {}

    public static void awaitBlock(ChainNode node, long number, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (node.blockNumber().longValueExact() < number) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("block " + number + " did not come within " + timeout.toSeconds() + " s (at "
                        + node.blockNumber() + ")");
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** The timestamp of block {@code later} minus that of block {@code earlier}. */
    public static long gapSeconds(ChainNode node, long earlier, long later) throws Exception {
        return timestamp(node, later) - timestamp(node, earlier);
    }

    private static long timestamp(ChainNode node, long number) throws Exception {
        return node.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false).send()
                .getBlock().getTimestamp().longValueExact();
    }
}
