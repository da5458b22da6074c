package ai.based.fhe.zkllm.model;

import ai.based.fhe.zkllm.text.BpeTokenizer;
import ai.based.fhe.zkllm.text.Corpus;
import java.util.List;
import java.util.Random;

/** A corpus split as one token sequence, verses separated by the end-of-text token, cut into training windows. */
public final class TokenStream {
    private final long[] tokens;

    private TokenStream(long[] tokens) {
        this.tokens = tokens;
    }

    /** A corpus's training and held-out splits as token streams. */
    public record Splits(TokenStream training, TokenStream heldOut) {
        public static Splits of(Corpus corpus, BpeTokenizer tokenizer) {
            return new Splits(TokenStream.of(corpus.training(), tokenizer), TokenStream.of(corpus.heldOut(), tokenizer));
        }
    }

    public static TokenStream of(List<String> lines, BpeTokenizer tokenizer) {
        long[] buffer = new long[1 << 16];
        int size = 0;
        for (String line : lines) {
            List<Integer> ids = tokenizer.encode(line);
            if (size + ids.size() + 1 > buffer.length) buffer = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + ids.size() + 1));
            for (int id : ids) buffer[size++] = id;
            buffer[size++] = tokenizer.endOfText();
        }
        return new TokenStream(java.util.Arrays.copyOf(buffer, size));
    }

    public int size() {
        return tokens.length;
    }

    public long token(int i) {
        return tokens[i];
    }

    /** {inputs, targets} for {@code batch} random windows of {@code time} tokens, targets shifted by one. */
    public long[][] randomBatch(Random random, int batch, int time) {
        long[] inputs = new long[batch * time];
        long[] targets = new long[batch * time];
        for (int b = 0; b < batch; b++) {
            int start = random.nextInt(tokens.length - time - 1);
            System.arraycopy(tokens, start, inputs, b * time, time);
            System.arraycopy(tokens, start + 1, targets, b * time, time);
        }
        return new long[][] {inputs, targets};
    }

    /** Window {@code index} of the non-overlapping evaluation windows of {@code time} tokens. */
    public long[][] window(int index, int time) {
        int start = index * time;
        return new long[][] {java.util.Arrays.copyOfRange(tokens, start, start + time),
            java.util.Arrays.copyOfRange(tokens, start + 1, start + time + 1)};
    }

    public int windows(int time) {
        return (tokens.length - 1) / time;
    }
}
