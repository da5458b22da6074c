package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.ckks.Encoder;
import ai.based.fhe.ckks.Parameters;

/**
 * Where an encrypted circuit's ciphertexts live: the CKKS parameters, the slots the model's layout uses (all N/2, or
 * fewer replicated to fill the ring: the layout sparse-slot bootstrapping expects), and the level at which fresh
 * ciphertexts enter the circuit (the top of the chain, or the level bootstrapping returns to, below the levels
 * bootstrapping itself consumes).
 */
public record CircuitFrame(Parameters params, int slots, int freshLevel) {
    public CircuitFrame {
        if (slots < 1 || slots > params.slots() || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("a circuit's slot count must be a power of two up to " + params.slots() + ", not " + slots);
        }
        if (freshLevel < 1 || freshLevel > params.maxLevel()) {
            throw new IllegalArgumentException("fresh ciphertexts must enter at a level in 1.." + params.maxLevel() + ", not " + freshLevel);
        }
    }

    /** Every slot, fresh ciphertexts at the top: the frame of a circuit whose client refreshes it. */
    public static CircuitFrame of(Parameters params) {
        return new CircuitFrame(params, params.slots(), params.maxLevel());
    }

    /** An encoder for this frame's slots (replicated to fill the ring when they are fewer). */
    public Encoder encoder() {
        return new Encoder(params, slots);
    }
}
