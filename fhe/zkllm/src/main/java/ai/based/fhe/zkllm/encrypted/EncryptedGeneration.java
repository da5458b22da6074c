package ai.based.fhe.zkllm.encrypted;

import ai.based.fhe.zkllm.text.BpeTokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Next-token generation with the prompt encrypted end to end: per token the client encrypts the whole sequence so far,
 * the miner evaluates the model on it (with the client's round trips), and the client decrypts the last position's
 * logits and picks the token, greedily or by temperature sampling. The sequence is re-encrypted per token: the miner
 * keeps nothing between tokens.
 */
public final class EncryptedGeneration {
    private final ZkllmClient client;
    private final PassEvaluator miner;
    private final BpeTokenizer tokenizer;
    private final int context;
    private final ClientRounds rounds;

    /**
     * What one generated token cost, and how many values of the miner's round trips were out of range
     * ({@code anomalies}: zero for a correct miner; judged only once the token is decoded).
     */
    public record Step(int token, double seconds, double clientSeconds, long bytesUp, long bytesDown, int rounds, long anomalies, String firstAnomaly) {}

    public EncryptedGeneration(ZkllmClient client, PassEvaluator miner, BpeTokenizer tokenizer, int context) {
        this(client, miner, tokenizer, context, false);
    }

    /** @param nonInteractive the client answers no round trip during a pass ({@link ClientRounds#NONE}) */
    public EncryptedGeneration(ZkllmClient client, PassEvaluator miner, BpeTokenizer tokenizer, int context, boolean nonInteractive) {
        this.client = client;
        this.miner = miner;
        this.tokenizer = tokenizer;
        this.context = context;
        this.rounds = nonInteractive ? ClientRounds.NONE : client;
    }

    /**
     * @param temperature 0 for greedy decoding, otherwise the softmax temperature of sampling
     * @param random the sampling source (unused when greedy)
     */
    public List<Step> generate(String prompt, int tokens, double temperature, Random random, Consumer<Step> onToken) throws Exception {
        return generate(tokenizer.encode(prompt), tokens, temperature, random, onToken);
    }

    /**
     * As {@link #generate(String, int, double, Random, Consumer)} from token ids: a client that moves to another miner
     * mid-generation goes on from the prompt plus the tokens it already has.
     */
    public List<Step> generate(List<Integer> promptIds, int tokens, double temperature, Random random, Consumer<Step> onToken) throws Exception {
        if (temperature < 0) throw new IllegalArgumentException("the temperature must be 0 (greedy) or positive, got " + temperature);
        List<Integer> ids = new ArrayList<>(promptIds);
        if (ids.isEmpty()) throw new IllegalArgumentException("the prompt is empty");
        if (ids.size() + tokens > context) {
            throw new IllegalArgumentException("a prompt of " + ids.size() + " tokens plus " + tokens + " generated ones is longer than the context of "
                    + context + " tokens");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < tokens; i++) {
            client.resetTraffic();
            long t0 = System.nanoTime();
            int[] sequence = ids.stream().mapToInt(Integer::intValue).toArray();
            byte[] state = client.encryptPromptsForWire(List.of(sequence));
            long t1 = System.nanoTime();
            List<byte[]> logits = miner.logits(client.keySetId(), state, client.segments(), rounds);
            long t2 = System.nanoTime();
            double[][] positions = client.decryptLogitsFromWire(logits)[0];
            int next = pick(positions[positions.length - 1], temperature, random);
            long t3 = System.nanoTime();
            ids.add(next);
            Step step = new Step(next, (t3 - t0) / 1e9, ((t1 - t0) + (t3 - t2)) / 1e9, client.traffic().bytesUp(), client.traffic().bytesDown(),
                    client.traffic().rounds(), client.anomalies(), client.checks().first());
            steps.add(step);
            onToken.accept(step);
        }
        return steps;
    }

    public String decode(List<Step> steps) {
        return tokenizer.decode(steps.stream().map(Step::token).toList());
    }

    /** The index of the largest logit: the greedy choice. */
    public static int argmax(double[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
        return best;
    }

    static int pick(double[] logits, double temperature, Random random) {
        int best = argmax(logits);
        if (temperature == 0) return best;
        double[] weights = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            weights[i] = Math.exp((logits[i] - logits[best]) / temperature);
            total += weights[i];
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u <= 0) return i;
        }
        return best;
    }
}
