/**
 * The versioned wire messages of encrypted inference, shared by the user's client, the miner and the validator. A
 * pass runs over one WebSocket session: the client sends a {@link ai.based.protocol.wire.Message.Pass}, the miner
 * asks for the client's round trips ({@code AttentionRound}, {@code StateRound}) and the client answers them, the
 * miner sends the {@code Logits}, and the client pays with a {@code Payment} (a signed cumulative receipt) before its
 * next pass. A diagnosis Brain's exchange has no round trips: the clinic sends a {@code Score} (up to 64 records
 * ciphertexts), the miner answers {@code Scores}, and the clinic pays one compute unit per ciphertext. Ciphertexts
 * travel as opaque blobs in fhe/ckks's own versioned binary format; this package only frames them, with every length
 * bounded before anything is allocated.
 */
package ai.based.protocol.wire;
