package ai.based.miner.remote;

/** Bounds both ends of the miner protocol agree on, kept here because the client and the miner both read them. */
public final class ProtocolLimits {
    /** The largest WebSocket message: a pass's logits or two top-level ciphertexts, with room. */
    public static final int MAX_MESSAGE_BYTES = 64 << 20;
    /**
     * The slowest key upload a miner accepts (4 Mbit/s: a 400 MB key set in under 15 minutes); a slower one would hold
     * its upload slot. A client sizes a large upload's deadline by it.
     */
    public static final long MIN_UPLOAD_BYTES_PER_SECOND = 512 << 10;

    private ProtocolLimits() {
    }
}
