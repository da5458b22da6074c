package ai.based.validator;

import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.fhe.zkllm.text.Corpus;
import java.util.List;
import java.util.Random;

/**
 * Challenge prompts drawn from the corpus's held-out verses (every tenth verse, never trained on): the start of a random
 * verse, cut to a random length, as a user's prompt would be. The miner never sees the text (it is encrypted); what it
 * sees is the token count, so the lengths spread over the range users send instead of one fixed size.
 */
public final class HeldOutPrompts {
    /** Shorter prompts are rare in queries and would tell a challenge apart by size alone. */
    static final int MIN_TOKENS = 4;
    /** Prompts stay within one 64-token ciphertext with room for the generated tokens. */
    static final int MAX_TOKENS = 32;

    private final List<String> verses;
    private final BpeTokenizer tokenizer;
    private final int maxTokens;
    private final Random random;

    /** @param context the model's context: the prompt plus {@code generated} tokens must fit in it */
    public HeldOutPrompts(List<String> verses, BpeTokenizer tokenizer, int context, int generated, Random random) {
        if (verses.isEmpty()) throw new IllegalArgumentException("no held-out text to draw prompts from");
        this.verses = verses;
        this.tokenizer = tokenizer;
        this.maxTokens = Math.min(MAX_TOKENS, context - generated);
        if (maxTokens < MIN_TOKENS) throw new IllegalArgumentException("a context of " + context + " leaves no room for a prompt and " + generated + " tokens");
        this.random = random;
    }

    /** The project's corpus: the King James Version's held-out verses. */
    public static HeldOutPrompts kjv(BpeTokenizer tokenizer, int context, int generated, Random random) {
        return new HeldOutPrompts(Corpus.kjv().heldOut(), tokenizer, context, generated, random);
    }

    /** A prompt's token ids: at least {@link #MIN_TOKENS}, at most what leaves room for the generated tokens. */
    public List<Integer> next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            List<Integer> ids = tokenizer.encode(verses.get(random.nextInt(verses.size())));
            if (ids.size() < MIN_TOKENS) continue;
            int length = MIN_TOKENS + random.nextInt(Math.min(ids.size(), maxTokens) - MIN_TOKENS + 1);
            return List.copyOf(ids.subList(0, length));
        }
        throw new IllegalStateException("no held-out verse has " + MIN_TOKENS + " tokens");
    }
}
