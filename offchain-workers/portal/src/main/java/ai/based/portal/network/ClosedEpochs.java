package ai.based.portal.network;

import ai.based.client.BasedSession;
import ai.based.epochs.EpochComputation;
import ai.based.protocol.consensus.ConsensusResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The consensus of the newest closed epochs, computed from the chain's logs the way every oracle signer computes it
 * ({@link EpochComputation}: anyone can). Computing an epoch replays the chain's history, which can take seconds, so
 * it never runs on a request: a request sees what is done and which epochs are still pending, and wakes one
 * background thread that computes the pending ones, newest first. A closed epoch never changes, so each is computed
 * once; only the newest {@code kept} stay, and of each only the miners' incentive and the validators' dividends.
 */
final class ClosedEpochs implements AutoCloseable {
    /** One Brain's result for an epoch: shares of 1 in Fixed units, by uid. */
    record Shares(long[] incentive, long[] dividends) {}

    /**
     * What is known now about the closed epochs {@code [from, current)}: the computed ones (per Brain; a Brain absent
     * from an epoch had no consensus in it: not staked, inactive, or without miners or validators), the ones still being computed, and why the last try failed.
     */
    record View(NavigableMap<Long, Map<Long, Shares>> computed, List<Long> pending, String problem) {}

    /** Computes one closed epoch's consensus per Brain; the seam lets a test count and fail computations. */
    @FunctionalInterface
    interface Source {
        Map<Long, ConsensusResult> consensus(long epoch) throws Exception;
    }

    private final Source source;
    private final int kept;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "portal-closed-epochs");
        thread.setDaemon(true);
        return thread;
    });
    private final TreeMap<Long, Map<Long, Shares>> computed = new TreeMap<>();
    private long from;
    private long current;
    private boolean running;
    private String problem;

    ClosedEpochs(BasedSession session, int kept) {
        this(epoch -> EpochComputation.compute(session, epoch).consensus(), kept);
    }

    ClosedEpochs(Source source, int kept) {
        if (kept < 1) throw new IllegalArgumentException("keep at least one epoch, not " + kept);
        this.source = source;
        this.kept = kept;
    }

    /** The newest {@code kept} epochs before {@code currentEpoch}; starts computing the missing ones, never waits for them. */
    synchronized View newest(long currentEpoch) {
        if (currentEpoch != current) {
            // a chain that went back (a devnet restored from older state) is another history: start over
            if (currentEpoch < current) computed.clear();
            current = currentEpoch;
            from = Math.max(0, currentEpoch - kept);
            computed.headMap(from).clear();
        }
        List<Long> pending = missing();
        if (!pending.isEmpty() && !running) {
            try {
                worker.execute(this::computeMissing);
                running = true;
            } catch (RejectedExecutionException closed) {
                // closed with the deployment's readers: the epochs stay pending, the request is still answered
            }
        }
        return new View(new TreeMap<>(computed.subMap(from, currentEpoch)), pending, problem);
    }

    /** Epochs of the window not computed yet, newest first (the page shows the newest first). */
    private List<Long> missing() {
        List<Long> missing = new ArrayList<>();
        for (long epoch = current - 1; epoch >= from; epoch--) {
            if (!computed.containsKey(epoch)) missing.add(epoch);
        }
        return missing;
    }

    /**
     * On the worker: computes until the window is complete, or stops at the first failure (the next request retries).
     * {@code running} goes false in the same step that finds nothing left or records the failure, so a request never
     * sees a worker that has already given up.
     */
    private void computeMissing() {
        while (true) {
            long epoch;
            synchronized (this) {
                List<Long> missing = missing();
                if (missing.isEmpty()) {
                    running = false;
                    return;
                }
                epoch = missing.getFirst();
            }
            Map<Long, Shares> shares = new HashMap<>();
            try {
                source.consensus(epoch).forEach((brainId, result) -> shares.put(brainId, new Shares(result.incentive(), result.dividends())));
            } catch (Exception | Error e) {
                synchronized (this) {
                    problem = "cannot compute epoch " + epoch + "'s consensus: " + e.getMessage();
                    running = false;
                }
                if (e instanceof Error error) throw error;
                return;
            }
            synchronized (this) {
                // the window may have moved on while this epoch was computed
                if (epoch >= from) computed.put(epoch, Map.copyOf(shares));
                problem = null;
            }
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
