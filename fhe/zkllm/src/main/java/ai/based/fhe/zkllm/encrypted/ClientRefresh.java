package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.rlwe.Ciphertext;

/**
 * The client's part inside an encrypted forward pass, called by the miner where the circuit needs it. Both calls are
 * protocol round trips, counted in the report: the miner sends ciphertexts, the client (who holds the secret key)
 * decrypts, and sends back fresh encryptions at the top level. The miner never decrypts.
 */
public interface ClientRefresh {
    /**
     * Attention's division. The Power-Softmax mean denominator Z̄ of the tiny model spans eight orders of magnitude on
     * held-out text (6e-5 to 1.4e4), far beyond what Newton's inverse or a polynomial reaches within a modulus chain, so
     * the client returns a fresh encryption of 1/Z̄ beside the refreshed numerator; the miner multiplies them. Only the
     * first {@code activeLanes} feature lanes carry kept heads (the model's public head packing); the others return 0.
     */
    Reciprocal attention(int layer, Ciphertext numerator, Ciphertext meanDenominator, int activeLanes);

    /** The hidden state re-encrypted at the top level: the modulus chain has run out. */
    Ciphertext state(int layer, Ciphertext hidden);

    /**
     * Levels a refresh needs left on what it refreshes: the client's none (it decrypts at any level), a bootstrapping
     * miner's one (to bring the values into bootstrapping's range first). The circuit refreshes that much earlier.
     */
    default int reservedLevels() {
        return 0;
    }

    /**
     * Levels attention's scores must leave: what {@link #attention} needs on the numerator and denominator. The client
     * returns fresh ones, so {@link #reservedLevels()}; a miner that divides itself keeps the numerator at its level,
     * which then needs two more (the product with the reciprocal and W_O).
     */
    default int attentionReserve() {
        return reservedLevels();
    }

    /** The numerator and the reciprocal of the denominator, at one level (the top one when the client refreshed them). */
    record Reciprocal(Ciphertext numerator, Ciphertext reciprocal) {}
}
