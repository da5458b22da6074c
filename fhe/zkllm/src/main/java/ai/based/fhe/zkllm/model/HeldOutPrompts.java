package ai.based.fhe.zkllm.model;

import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.fhe.zkllm.text.Corpus;
import java.util.ArrayList;
import java.util.List;

/** Prompts for measurements: held-out verses spread evenly over the corpus, tokenized and cut to the context. */
public final class HeldOutPrompts {
    private HeldOutPrompts() {}

    /** {@code count} held-out verses taken at an even stride (so every book is represented), each at most {@code context} tokens. */
    public static List<int[]> of(Corpus corpus, BpeTokenizer tokenizer, int count, int context) {
        return spread(corpus.heldOut(), tokenizer, count, context);
    }

    /** The same over any list of verses (calibration uses the training split). */
    public static List<int[]> spread(List<String> verses, BpeTokenizer tokenizer, int count, int context) {
        if (count < 1 || count > verses.size()) throw new IllegalArgumentException("between 1 and " + verses.size() + " prompts, not " + count);
        int stride = verses.size() / count;
        List<int[]> prompts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<Integer> ids = tokenizer.encode(verses.get(i * stride));
            prompts.add(ids.stream().limit(context).mapToInt(Integer::intValue).toArray());
        }
        return prompts;
    }
}
