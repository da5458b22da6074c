package ai.based.cli.bench;

import ai.based.fhe.zkllm.encrypted.EncryptedGeneration;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.text.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Next-token argmax agreement of an encrypted pass with the plaintext model over held-out verses, four per ciphertext. */
final class HeldOutAgreement {
    record Result(int prompts, int positions, int agreeing, double worstLogitError) {
        double percent() {
            return 100.0 * agreeing / positions;
        }
    }

    private HeldOutAgreement() {}

    /**
     * The held-out verses of 4 tokens or more, cut to 16 tokens, from the {@code from}-th (counting from 0) to the
     * {@code count}-th: a long run stopped part way resumes where it stopped, on the same prompts.
     */
    static List<int[]> prompts(ModelPackage tiny, int from, int count) {
        if (from < 0 || from > count) throw new IllegalArgumentException("the first prompt " + from + " is outside 0.." + count);
        List<int[]> prompts = new ArrayList<>();
        for (String verse : Corpus.kjv().heldOut()) {
            if (prompts.size() == count) break;
            int[] ids = tiny.tokenizer().encode(verse).stream().mapToInt(Integer::intValue).limit(16).toArray();
            if (ids.length >= 4) prompts.add(ids);
        }
        return prompts.subList(Math.min(from, prompts.size()), prompts.size());
    }

    /** @param pass the encrypted logits ([prompt][position][vocabulary]) of a batch of prompts sharing a ciphertext */
    static Result measure(List<int[]> prompts, PlainGpt plain, Function<List<int[]>, double[][][]> pass, Consumer<Result> afterBatch) {
        int positions = 0;
        int agreeing = 0;
        double worst = 0;
        Result result = new Result(0, 0, 0, 0);
        for (int first = 0; first < prompts.size(); first += 4) {
            List<int[]> batch = prompts.subList(first, Math.min(first + 4, prompts.size()));
            double[][][] logits = pass.apply(batch);
            for (int p = 0; p < batch.size(); p++) {
                double[][] expected = plain.logits(batch.get(p));
                for (int t = 0; t < expected.length; t++) {
                    positions++;
                    if (EncryptedGeneration.argmax(expected[t]) == EncryptedGeneration.argmax(logits[p][t])) agreeing++;
                    for (int v = 0; v < expected[t].length; v++) worst = Math.max(worst, Math.abs(expected[t][v] - logits[p][t][v]));
                }
            }
            result = new Result(first + batch.size(), positions, agreeing, worst);
            afterBatch.accept(result);
        }
        return result;
    }
}
