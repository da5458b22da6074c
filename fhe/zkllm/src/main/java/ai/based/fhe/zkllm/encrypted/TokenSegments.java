package ai.based.fhe.zkllm.encrypted;

import java.util.Arrays;

/**
 * Which token slots of a ciphertext hold which prompt: prompts lie one after another from slot 0, each attending only
 * within itself (the causal mask is per prompt), the remaining slots are padding. One prompt is the usual query;
 * several short ones share a ciphertext when a client batches them. The lengths are the only thing about a prompt a
 * miner learns.
 */
public record TokenSegments(int capacity, int[] lengths) {
    public TokenSegments {
        lengths = lengths.clone();
        int total = 0;
        for (int length : lengths) {
            if (length < 1) throw new IllegalArgumentException("a prompt needs at least one token");
            total += length;
        }
        if (lengths.length == 0) throw new IllegalArgumentException("no prompt");
        if (total > capacity) {
            throw new IllegalArgumentException("prompts of " + total + " tokens in all do not fit the " + capacity + " token slots of a ciphertext");
        }
    }

    public static TokenSegments single(int capacity, int length) {
        return new TokenSegments(capacity, new int[] {length});
    }

    /** Position of slot t within its prompt, or -1 for padding. */
    public int position(int t) {
        int start = 0;
        for (int length : lengths) {
            if (t < start + length) return t - start;
            start += length;
        }
        return -1;
    }

    public int start(int segment) {
        int start = 0;
        for (int s = 0; s < segment; s++) start += lengths[s];
        return start;
    }

    /** The longest prompt: attention looks back at most this many tokens minus one. */
    public int longest() {
        return Arrays.stream(lengths).max().orElseThrow();
    }

    public int used() {
        return Arrays.stream(lengths).sum();
    }
}
