package ai.based.protocol.wire;

import java.util.List;

/** One message of an inference session; see the package documentation for their order. */
public sealed interface Message {
    /** Encrypted prompts under key set {@code keySetId}: the token slots' capacity, each prompt's length, the state. */
    record Pass(String keySetId, String payer, int capacity, int[] lengths, byte[] state) implements Message {}

    /** The miner asks for attention's division (layer {@code layer}; the first {@code activeLanes} lanes carry heads). */
    record AttentionRound(int layer, int activeLanes, byte[] numerator, byte[] meanDenominator) implements Message {}

    /** The miner asks for the hidden state re-encrypted at the top level. */
    record StateRound(int layer, byte[] hidden) implements Message {}

    record AttentionReply(byte[] numerator, byte[] reciprocal) implements Message {}

    record StateReply(byte[] hidden) implements Message {}

    /** The encrypted logits; {@code units} is what the pass cost in compute units (one per pass). */
    record Logits(long units, List<byte[]> blocks) implements Message {}

    /**
     * The client's signed receipt for everything it owes this miner so far: cumulative compute units and BASED (wei, a
     * 32-byte big-endian number), with the EIP-712 signature (65 bytes, r || s || v).
     */
    record Payment(long units, byte[] amount, byte[] signature) implements Message {}

    /**
     * Encrypted records to score under key set {@code keySetId} (a diagnosis Brain): each blob one ciphertext of 128
     * records, at most {@link WireCodec#MAX_SCORE_BATCHES}. No round trip follows; the miner answers {@link Scores}.
     */
    record Score(String keySetId, String payer, List<byte[]> batches) implements Message {}

    /** One encrypted score ciphertext per records ciphertext, in order; {@code units} is one compute unit per ciphertext. */
    record Scores(long units, List<byte[]> blocks) implements Message {}

    /** Either side ends the pass: an HTTP-like status and a reason a person can act on. */
    record Failure(int status, String reason) implements Message {}
}
