package ai.based.fhe.zkllm.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Learns byte-level BPE merges from text: counts the pre-tokenized pieces, then repeatedly merges the most frequent
 * adjacent pair (ties broken by the pair's text, so training is deterministic) until the vocabulary is full. Pieces
 * are held as token-id arrays and pairs as packed longs, which keeps a 1,024-token vocabulary over the whole corpus
 * to seconds.
 */
public final class BpeTrainer {
    private BpeTrainer() {}

    /** @param vocabSize 256 byte tokens + merges + the end-of-text token */
    public static BpeTokenizer train(Iterable<String> lines, int vocabSize) {
        if (vocabSize < 257) throw new IllegalArgumentException("a byte-level vocabulary needs at least 257 tokens, got " + vocabSize);
        Map<String, Integer> pieceCounts = new TreeMap<>();
        for (String line : lines) {
            for (String piece : ByteLevel.pretokenize(line)) pieceCounts.merge(piece, 1, Integer::sum);
        }
        List<String> tokens = new ArrayList<>(BpeTokenizer.byteVocabulary().keySet());
        Map<String, Integer> byteIds = BpeTokenizer.byteVocabulary();
        int[][] words = new int[pieceCounts.size()][];
        int[] lengths = new int[words.length];
        long[] counts = new long[words.length];
        int w = 0;
        for (var e : pieceCounts.entrySet()) {
            String piece = e.getKey();
            words[w] = new int[piece.length()];
            for (int i = 0; i < piece.length(); i++) words[w][i] = byteIds.get(String.valueOf(piece.charAt(i)));
            lengths[w] = piece.length();
            counts[w++] = e.getValue();
        }
        List<String[]> merges = new ArrayList<>();
        while (tokens.size() < vocabSize - 1) {
            Map<Long, Long> pairCounts = new HashMap<>();
            for (int k = 0; k < words.length; k++) {
                int[] s = words[k];
                for (int i = 0; i + 1 < lengths[k]; i++) pairCounts.merge(pair(s[i], s[i + 1]), counts[k], Long::sum);
            }
            long best = -1;
            long bestCount = 0;
            for (var e : pairCounts.entrySet()) {
                long c = e.getValue();
                if (c > bestCount || (c == bestCount && text(tokens, e.getKey()).compareTo(text(tokens, best)) < 0)) {
                    best = e.getKey();
                    bestCount = c;
                }
            }
            if (best < 0) break; // every piece is a single token already
            int left = (int) (best >>> 32);
            int right = (int) best;
            int merged = tokens.size();
            merges.add(new String[] {tokens.get(left), tokens.get(right)});
            tokens.add(tokens.get(left) + tokens.get(right));
            for (int k = 0; k < words.length; k++) {
                int[] s = words[k];
                int out = 0;
                for (int i = 0; i < lengths[k]; i++) {
                    if (i + 1 < lengths[k] && s[i] == left && s[i + 1] == right) {
                        s[out++] = merged;
                        i++;
                    } else {
                        s[out++] = s[i];
                    }
                }
                lengths[k] = out;
            }
        }
        tokens.add(BpeTokenizer.END_OF_TEXT);
        return new BpeTokenizer(tokens, merges);
    }

    private static long pair(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private static String text(List<String> tokens, long pair) {
        return tokens.get((int) (pair >>> 32)) + " " + tokens.get((int) pair);
    }
}
