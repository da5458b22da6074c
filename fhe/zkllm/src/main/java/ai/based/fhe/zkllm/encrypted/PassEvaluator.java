package ai.based.fhe.zkllm.encrypted;

import java.util.List;

/**
 * Where an encrypted pass runs, seen from the user: a {@link WirePass} in this process, or a miner across the
 * network. Either way only wire bytes cross, and the client answers the round trips.
 */
@FunctionalInterface
public interface PassEvaluator {
    /** The logits' ciphertexts in wire form for the encrypted prompt {@code state}. */
    List<byte[]> logits(String keySetId, byte[] state, TokenSegments segments, ClientRounds client) throws Exception;
}
