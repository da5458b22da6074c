package ai.based.miner.remote;

/** Bounds both ends of the miner protocol agree on, kept here because the client and the miner both read them. */
public final class ProtocolLimits {
    /** The largest WebSocket message: a pass's logits or two top-level ciphertexts, with room. */
    public static final int MAX_MESSAGE_BYTES = 64 << 20;

    private ProtocolLimits() {
    }
}
