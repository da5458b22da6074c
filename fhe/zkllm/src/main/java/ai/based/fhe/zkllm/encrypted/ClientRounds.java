package ai.based.fhe.zkllm.encrypted;

/**
 * The client's round trips as they cross a network: ciphertexts in fhe/ckks's binary format. The miner's side
 * ({@link WirePass}) calls it where the circuit needs the client; the user's {@link ZkllmClient} answers.
 */
public interface ClientRounds {
    /**
     * The client of a non-interactive pass: it answers nothing. A miner that asks anyway could probe the prompt through
     * the answers, so where a pass crosses a network the question itself ends the pass (see RemoteSession).
     */
    ClientRounds NONE = new ClientRounds() {
        @Override
        public Reply attention(int layer, byte[] numerator, byte[] meanDenominator, int activeLanes) {
            throw new IllegalStateException("a non-interactive pass asked the client for attention's division");
        }

        @Override
        public byte[] state(int layer, byte[] hidden) {
            throw new IllegalStateException("a non-interactive pass asked the client to refresh the state");
        }

        @Override
        public int maxRounds() {
            return 0;
        }
    };

    /** Attention's division: returns the refreshed numerator and the reciprocal, in that order. */
    Reply attention(int layer, byte[] numerator, byte[] meanDenominator, int activeLanes);

    /** The hidden state re-encrypted at the top level. */
    byte[] state(int layer, byte[] hidden);

    /**
     * The most round trips this client answers in one pass; a session refuses a miner that asks for more (see
     * RemoteSession). Needless ones would burn the client's time, and a validator excuses that time from the miner's
     * latency. Unbounded unless the client knows its circuit.
     */
    default int maxRounds() {
        return Integer.MAX_VALUE;
    }

    record Reply(byte[] numerator, byte[] reciprocal) {}
}
