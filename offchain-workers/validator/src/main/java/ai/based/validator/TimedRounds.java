package ai.based.validator;

import ai.based.fhe.zkllm.encrypted.ClientRounds;

/**
 * A challenge's client, timed: how long the validator itself spent answering a pass's round trips (decrypting,
 * dividing, re-encrypting). A pass's latency less this time is the miner's, so that what the validator's own machine
 * costs (a cold JIT after it starts, a loaded host) is not scored against whichever miner it happens to challenge.
 * The session calls it on the pass's own thread.
 */
final class TimedRounds implements ClientRounds {
    private final ClientRounds client;
    private long nanos;

    TimedRounds(ClientRounds client) {
        this.client = client;
    }

    /**
     * What to hand the session: this, or the client itself where it answers nothing ({@link ClientRounds#NONE}), which
     * the session recognises to refuse a miner's round trip before asking.
     */
    ClientRounds rounds() {
        return client == ClientRounds.NONE ? client : this;
    }

    /** Nanoseconds spent in the client so far. */
    long nanos() {
        return nanos;
    }

    @Override
    public int maxRounds() {
        return client.maxRounds();
    }

    @Override
    public Reply attention(int layer, byte[] numerator, byte[] meanDenominator, int activeLanes) {
        long start = System.nanoTime();
        try {
            return client.attention(layer, numerator, meanDenominator, activeLanes);
        } finally {
            nanos += System.nanoTime() - start;
        }
    }

    @Override
    public byte[] state(int layer, byte[] hidden) {
        long start = System.nanoTime();
        try {
            return client.state(layer, hidden);
        } finally {
            nanos += System.nanoTime() - start;
        }
    }
}
