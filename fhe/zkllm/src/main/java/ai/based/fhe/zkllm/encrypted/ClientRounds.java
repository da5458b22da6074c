package ai.based.fhe.zkllm.encrypted;

/**
 * The client's round trips as they cross a network: ciphertexts in fhe/ckks's binary format. The miner's side
 * ({@link WirePass}) calls it where the circuit needs the client; the user's {@link ZkllmClient} answers.
 */
public interface ClientRounds {
    /** Attention's division: returns the refreshed numerator and the reciprocal, in that order. */
    Reply attention(int layer, byte[] numerator, byte[] meanDenominator, int activeLanes);

    /** The hidden state re-encrypted at the top level. */
    byte[] state(int layer, byte[] hidden);

    record Reply(byte[] numerator, byte[] reciprocal) {}
}
