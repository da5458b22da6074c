package ai.based.portal.network;

import ai.based.client.ChainSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.web3j.protocol.core.methods.response.Log;

/**
 * One event of one contract, read incrementally: each refresh reads only the blocks added since the last one, in
 * spans of at most {@link #SPAN} blocks and at most {@link #MAX_SPANS_PER_REFRESH} spans (a chain far ahead is caught
 * up over several requests), and keeps only the newest {@code keep} logs. So no request scans the chain's history.
 */
final class LogCursor {
    static final long SPAN = 10_000;
    static final int MAX_SPANS_PER_REFRESH = 20;

    private final ChainSession session;
    private final String contract;
    private final String topic;
    private final int keep;
    private final Deque<Log> logs = new ArrayDeque<>();
    private long nextBlock;

    LogCursor(ChainSession session, String contract, String topic, int keep) {
        this.session = session;
        this.contract = contract;
        this.topic = topic;
        this.keep = keep;
        this.nextBlock = session.deployment().deployedAtBlock();
    }

    /** The newest logs up to block {@code head} (at most {@code keep}), oldest first. */
    synchronized List<Log> upTo(long head) throws Exception {
        for (int span = 0; span < MAX_SPANS_PER_REFRESH && nextBlock <= head; span++) {
            long to = Math.min(head, nextBlock + SPAN - 1);
            for (Log log : session.logs(contract, topic, nextBlock, to)) {
                logs.addLast(log);
                if (logs.size() > keep) logs.removeFirst();
            }
            nextBlock = to + 1;
        }
        return new ArrayList<>(logs);
    }

    /** True when the cursor has read every block up to {@code head}. */
    synchronized boolean caughtUp(long head) {
        return nextBlock > head;
    }
}
