package ai.based.cli.bench;

import ai.based.cli.BaseCommand;
import ai.based.fhe.ckks.ckks.EvaluationKeys;
import ai.based.fhe.ckks.ckks.Parameters;
import ai.based.fhe.ckks.ring.Sampler;
import ai.based.fhe.ckks.rlwe.Ciphertext;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.encrypted.HeOps;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.model.TokenStream;
import ai.based.fhe.zkllm.model.Weights;
import ai.based.fhe.zkllm.squeeze.CerberusSqueeze;
import ai.based.fhe.zkllm.squeeze.FheCostModel;
import ai.based.fhe.zkllm.squeeze.HeadRef;
import ai.based.fhe.zkllm.squeeze.HeadSurgery;
import ai.based.fhe.zkllm.text.Corpus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Encrypted next-token inference of the bundled tiny model and of its Cerberus-squeezed version, on this machine:
 * seconds per generated token single-threaded and on all cores, the client's encrypt and decrypt, bytes each way, client
 * round trips, key switches, perplexities, and the argmax agreement of the encrypted pipeline with the plaintext
 * squeezed model over held-out prompts.
 */
@Command(name = "zkllm", description = "Encrypted next-token inference of tiny and tiny-squeezed (N=16384, 128-bit): seconds per token "
        + "(1 thread and all cores), client time, bytes, round trips, perplexities, and argmax agreement over held-out prompts.")
public final class BenchZkllmCommand extends BaseCommand {
    @Option(names = "--prompt-tokens", defaultValue = "32", description = "prompt length of the timed token (default: ${DEFAULT-VALUE})")
    int promptTokens;

    @Option(names = "--budget", defaultValue = "0.6", description = "squeezing budget, a fraction of tiny's key switches (default: ${DEFAULT-VALUE})")
    double budget;

    @Option(names = "--agreement", defaultValue = "200", description = "held-out prompts for the argmax agreement, 0 to skip (default: ${DEFAULT-VALUE})")
    int agreement;

    @Option(names = "--windows", defaultValue = "32", description = "64-token windows for significance and perplexity (default: ${DEFAULT-VALUE})")
    int windows;

    private record Timing(double keygenSeconds, long keyBytes, double encryptSeconds, double minerSeconds, double decryptSeconds,
            long bytesUp, long bytesDown, int rounds, long keySwitches) {}

    @Override
    protected void run() throws Exception {
        ai.based.cli.model.DjlSettings.apply(Runtime.getRuntime().availableProcessors());
        out().println(MachineLoad.describe());
        ModelPackage tiny = ModelPackage.bundled("tiny");
        ModelConfig config = tiny.config();
        var splits = TokenStream.Splits.of(Corpus.kjv(), tiny.tokenizer());
        CerberusSqueeze.Significance significance = CerberusSqueeze.significance(config, tiny.weights(), splits.training(), windows, line -> {});
        FheCostModel cost = new FheCostModel(config, config.context());
        int[] all = new int[config.layers()];
        java.util.Arrays.fill(all, config.heads());
        List<HeadRef> pruned = cost.selectWithinBudget(significance, (long) (budget * cost.total(all)),
                heads -> CerberusSqueeze.loss(config, HeadSurgery.prune(config, tiny.weights(), heads), splits.training(), windows));
        Weights squeezed = HeadSurgery.prune(config, tiny.weights(), pruned);
        double loss = CerberusSqueeze.loss(config, tiny.weights(), splits.heldOut(), windows);
        double squeezedLoss = CerberusSqueeze.loss(config, squeezed, splits.heldOut(), windows);

        Parameters params = Parameters.create(EncryptedGpt.PARAMETERS);
        if (promptTokens < 1 || promptTokens > config.context()) throw new IllegalArgumentException("--prompt-tokens must be in 1.." + config.context());
        int[] prompt = java.util.Arrays.stream(splits.heldOut().window(5, promptTokens)[0]).mapToInt(v -> (int) v).toArray();
        out().printf("%s; tiny: %,d parameters; squeezed under a budget of %.0f%% of its key switches: %s pruned, heads per layer %s%n", params,
                tiny.card().parameters(), 100 * budget, pruned, java.util.Arrays.toString(cost.keptPerLayer(pruned)));
        out().printf("one generated token = one encrypted pass over a %d-token prompt (logits of every position)%n", prompt.length);
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try {
            double[] perToken = new double[2];
            int row = 0;
            for (var model : List.of(java.util.Map.entry("tiny", tiny.weights()), java.util.Map.entry("tiny-squeezed", squeezed))) {
                PlainGpt plain = new PlainGpt(config, model.getValue());
                Timing single = time(params, plain, model.getValue(), prompt, Runnable::run, Runnable::run);
                Timing parallel = time(params, plain, model.getValue(), prompt, pool, pool);
                perToken[row++] = single.minerSeconds + single.encryptSeconds + single.decryptSeconds;
                out().printf("%-14s %6.1f s/token single-threaded, %6.1f s/token on %d threads; client encrypt %.2f s + decrypt %.2f s "
                        + "(round trips included); %,d bytes up, %,d down; %d round trips; %,d key switches; keygen %.1f s, evaluation keys %,d bytes%n",
                        model.getKey(), perToken[row - 1], parallel.minerSeconds + parallel.encryptSeconds + parallel.decryptSeconds, cores,
                        single.encryptSeconds, single.decryptSeconds, single.bytesUp, single.bytesDown, single.rounds, single.keySwitches,
                        single.keygenSeconds, single.keyBytes);
            }
            out().printf("squeezing: encrypted latency %.0f%% lower (target >= 30%%), held-out perplexity %.2f -> %.2f (%+.1f%%, target <= 5%%); "
                    + "unigram %.1f; softmax twin: not bundled (train it with 'based model train --twin'; README)%n",
                    100 * (1 - perToken[1] / perToken[0]), Math.exp(loss), Math.exp(squeezedLoss), 100 * (Math.exp(squeezedLoss - loss) - 1),
                    tiny.card().unigramPerplexity());
            if (agreement > 0) agreement(params, new PlainGpt(config, squeezed), squeezed, tiny, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private Timing time(Parameters params, PlainGpt plain, Weights weights, int[] prompt, java.util.concurrent.Executor encoding,
            java.util.concurrent.Executor offsets) {
        EncryptedGpt circuit = new EncryptedGpt(plain.config(), weights, params, encoding, offsets);
        long k0 = System.nanoTime();
        ZkllmClient client = new ZkllmClient(params, plain, Sampler.secure());
        EvaluationKeys keys = client.evaluationKeys(circuit.rotationSteps());
        double keygen = (System.nanoTime() - k0) / 1e9;
        EncryptedGpt.Session miner = circuit.open(client.keySetId(), keys);
        long t0 = System.nanoTime();
        Ciphertext state = client.encryptPrompts(List.of(prompt));
        long t1 = System.nanoTime();
        long up = client.traffic().bytesUp();
        client.resetTraffic();
        List<Ciphertext> logits = miner.logits(client.keySetId(), state, client.segments(), client);
        long t2 = System.nanoTime();
        client.decryptLogits(logits);
        long t3 = System.nanoTime();
        // the round trips' client work happens inside the miner's call; it is small (decrypt + encrypt of 2-3 ciphertexts)
        return new Timing(keygen, client.bytes(keys), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, up + client.traffic().bytesUp(),
                client.traffic().bytesDown(), client.traffic().rounds(),
                miner.ops().count(HeOps.Op.ROTATION) + miner.ops().count(HeOps.Op.RELINEARIZATION));
    }

    /** Held-out verses (4 to 16 tokens), four per ciphertext, encrypted squeezed model against the plaintext squeezed model. */
    private void agreement(Parameters params, PlainGpt plain, Weights weights, ModelPackage tiny, ExecutorService pool) {
        long t0 = System.nanoTime();
        EncryptedGpt circuit = new EncryptedGpt(plain.config(), weights, params, pool, pool);
        ZkllmClient client = new ZkllmClient(params, plain, Sampler.secure());
        EncryptedGpt.Session miner = circuit.open(client.keySetId(), client.evaluationKeys(circuit.rotationSteps()));
        List<int[]> prompts = new ArrayList<>();
        for (String verse : Corpus.kjv().heldOut()) {
            if (prompts.size() == agreement) break;
            int[] ids = tiny.tokenizer().encode(verse).stream().mapToInt(Integer::intValue).limit(16).toArray();
            if (ids.length >= 4) prompts.add(ids);
        }
        int positions = 0;
        int agreeing = 0;
        double worst = 0;
        for (int first = 0; first < prompts.size(); first += 4) {
            List<int[]> batch = prompts.subList(first, Math.min(first + 4, prompts.size()));
            Ciphertext state = client.encryptPrompts(batch);
            double[][][] logits = client.decryptLogits(miner.logits(client.keySetId(), state, client.segments(), client));
            for (int p = 0; p < batch.size(); p++) {
                double[][] expected = plain.logits(batch.get(p));
                for (int t = 0; t < expected.length; t++) {
                    positions++;
                    if (argmax(expected[t]) == argmax(logits[p][t])) agreeing++;
                    for (int v = 0; v < expected[t].length; v++) worst = Math.max(worst, Math.abs(expected[t][v] - logits[p][t][v]));
                }
            }
        }
        out().printf("agreement: %d held-out prompts, %d positions: encrypted argmax = plaintext squeezed argmax at %d (%.2f%%, target >= 99%%); "
                + "max logit error %.2e; %.0f s%n", prompts.size(), positions, agreeing, 100.0 * agreeing / positions, worst, (System.nanoTime() - t0) / 1e9);
    }

    private static int argmax(double[] v) {
        return ai.based.fhe.zkllm.encrypted.EncryptedGeneration.argmax(v);
    }
}
