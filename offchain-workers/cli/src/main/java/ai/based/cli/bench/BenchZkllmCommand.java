package ai.based.cli.bench;

import ai.based.client.InvalidInputException;
import ai.based.cli.BaseCommand;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.compute.ComputeBackends;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.model.TokenStream;
import ai.based.fhe.zkllm.model.Weights;
import ai.based.fhe.zkllm.squeeze.CerberusSqueeze;
import ai.based.fhe.zkllm.squeeze.DynamicQuantization;
import ai.based.fhe.zkllm.squeeze.FheCostModel;
import ai.based.fhe.zkllm.squeeze.HeadRef;
import ai.based.fhe.zkllm.squeeze.HeadSurgery;
import ai.based.fhe.zkllm.text.Corpus;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Mixin
    CkksBackendOption backend;

    @Option(names = "--prompt-tokens", defaultValue = "32", description = "prompt length of the timed token (default: ${DEFAULT-VALUE})")
    int promptTokens;

    @Option(names = "--budget", defaultValue = "0.45", description = "squeezing budget, a fraction of tiny's key switches (default: ${DEFAULT-VALUE})")
    double budget;

    @Option(names = "--agreement", defaultValue = "200", description = "held-out prompts for the argmax agreement, 0 to skip (default: ${DEFAULT-VALUE})")
    int agreement;

    @Option(names = "--agreement-from", defaultValue = "0", paramLabel = "K", description = "skip the first K of the --agreement prompts "
            + "(resumes a run stopped part way; default: ${DEFAULT-VALUE})")
    int agreementFrom;

    @Option(names = "--windows", defaultValue = "32", description = "64-token windows for significance and perplexity (default: ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--fine-tune", defaultValue = "300", paramLabel = "STEPS", description = "fine-tuning steps after pruning (default: ${DEFAULT-VALUE})")
    int fineTuneSteps;

    @Option(names = "--bootstrapped-refresh", description = "instead: tiny with the hidden state refreshed by the miner's bootstrapping "
            + "(N = 2^16) beside the interactive pass, and its agreement over --agreement prompts")
    boolean bootstrappedRefresh;

    @Option(names = "--non-interactive", description = "instead: tiny-bounded with every refresh and attention's division on the miner "
            + "(N = 2^16, no client round trip) beside its interactive pass, and its agreement over --agreement prompts")
    boolean nonInteractive;

    @Option(names = "--agreement-only", description = "with --non-interactive or --bootstrapped-refresh: skip the timed passes and "
            + "measure only the agreement (the 200-prompt run takes over an hour on two cores)")
    boolean agreementOnly;

    @Override
    protected void run() throws Exception {
        ai.based.cli.model.DjlSettings.apply(Runtime.getRuntime().availableProcessors());
        out().println(MachineLoad.describe() + ", CKKS kernels: " + ComputeBackends.selected().name());
        ModelPackage tiny = ModelPackage.bundled("tiny");
        if (agreementFrom < 0 || agreementFrom > agreement) throw new InvalidInputException("--agreement-from must be in 0.." + agreement);
        if (agreementOnly && !(bootstrappedRefresh || nonInteractive)) {
            throw new InvalidInputException("--agreement-only goes with --non-interactive or --bootstrapped-refresh");
        }
        if (bootstrappedRefresh || nonInteractive) {
            if (bootstrappedRefresh && nonInteractive) throw new InvalidInputException("--bootstrapped-refresh or --non-interactive, not both");
            if (nonInteractive) tiny = ModelPackage.bundled("tiny-bounded");
            if (promptTokens < 1 || promptTokens > tiny.config().context()) throw new InvalidInputException("--prompt-tokens must be in 1.." + tiny.config().context());
            var heldOut = TokenStream.Splits.of(Corpus.kjv(), tiny.tokenizer()).heldOut();
            int[] prompt = java.util.Arrays.stream(heldOut.window(5, promptTokens)[0]).mapToInt(v -> (int) v).toArray();
            BootstrappedRefreshBench.run(tiny, prompt, HeldOutAgreement.prompts(tiny, agreementFrom, agreement), nonInteractive, !agreementOnly, out());
            out().println(MachineLoad.describe());
            return;
        }
        ModelConfig config = tiny.config();
        var splits = TokenStream.Splits.of(Corpus.kjv(), tiny.tokenizer());
        CerberusSqueeze.Significance significance = CerberusSqueeze.significance(config, tiny.weights(), splits.training(), windows, line -> {});
        FheCostModel cost = new FheCostModel(config, config.context());
        List<HeadRef> pruned = CerberusSqueeze.withinBudget(config, tiny.weights(), significance, splits.training(), windows, budget);
        Weights cut = HeadSurgery.prune(config, tiny.weights(), pruned);
        Weights squeezed = CerberusSqueeze.fineTune(config, cut, pruned, DynamicQuantization.defaults(), splits.training(), splits.heldOut(),
                fineTuneSteps, line -> {});
        // the control: the unpruned model trained the same extra steps, so that the fine-tuning's own gain is not
        // counted as squeezing's
        Weights control = CerberusSqueeze.fineTune(config, tiny.weights(), List.of(), null, splits.training(), splits.heldOut(), fineTuneSteps,
                line -> {});
        ModelPackage twin = ModelPackage.bundled("tiny-twin");
        double loss = CerberusSqueeze.loss(config, tiny.weights(), splits.heldOut(), windows);
        double cutLoss = CerberusSqueeze.loss(config, cut, splits.heldOut(), windows);
        double squeezedLoss = CerberusSqueeze.loss(config, squeezed, splits.heldOut(), windows);
        double controlLoss = CerberusSqueeze.loss(config, control, splits.heldOut(), windows);
        double twinLoss = CerberusSqueeze.loss(twin.config(), twin.weights(), splits.heldOut(), windows);

        Parameters params = Parameters.create(EncryptedGpt.PARAMETERS);
        if (promptTokens < 1 || promptTokens > config.context()) throw new InvalidInputException("--prompt-tokens must be in 1.." + config.context());
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
                EncryptedPassTiming single = EncryptedPassTiming.measure(params, plain, model.getValue(), prompt, Runnable::run);
                EncryptedPassTiming parallel = EncryptedPassTiming.measure(params, plain, model.getValue(), prompt, pool);
                perToken[row++] = single.perToken();
                out().printf("%-14s %6.1f s/token single-threaded, %6.1f s/token on %d threads (median of 3; the first token after the miner starts: %.1f s and "
                        + "%.1f s, encoding %,d bytes of diagonal plaintexts that later tokens reuse); client encrypt %.2f s + decrypt %.2f s "
                        + "(round trips included); %,d bytes up, %,d down; %d round trips; %,d key switches; keygen %.1f s, evaluation keys %,d bytes%n",
                        model.getKey(), single.perToken(), parallel.perToken(), cores, single.firstPassSeconds(), parallel.firstPassSeconds(),
                        single.cacheBytes(), single.encryptSeconds(), single.decryptSeconds(), single.bytesUp(), single.bytesDown(), single.rounds(),
                        single.keySwitches(), single.keygenSeconds(), single.keyBytes());
                out().printf("%-14s against the plaintext model: argmax agrees at %d of %d positions, largest logit error %.2e%n", "",
                        single.agreement().agreeing(), single.agreement().positions(), single.agreement().worstLogitError());
            }
            out().printf("held-out perplexity over %d windows: softmax twin %.2f, tiny %.2f, tiny pruned %.2f, tiny-squeezed (pruned, %d steps "
                    + "of quantization-aware fine-tuning, weights on %d levels) %.2f, tiny + the same %d steps unpruned and unquantized %.2f; "
                    + "unigram %.1f%n", windows, Math.exp(twinLoss), Math.exp(loss), Math.exp(cutLoss), fineTuneSteps,
                    DynamicQuantization.defaults().levels(), Math.exp(squeezedLoss), fineTuneSteps, Math.exp(controlLoss),
                    tiny.card().unigramPerplexity());
            out().printf("squeezing: encrypted latency %.0f%% lower (target >= 30%%), perplexity %+.1f%% against tiny (target <= 5%%), %+.1f%% "
                    + "against tiny trained as long%n", 100 * (1 - perToken[1] / perToken[0]), 100 * (Math.exp(squeezedLoss - loss) - 1),
                    100 * (Math.exp(squeezedLoss - controlLoss) - 1));
            if (agreement > agreementFrom) agreement(params, new PlainGpt(config, squeezed), squeezed, tiny, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Held-out verses (4 to 16 tokens), four per ciphertext, encrypted squeezed model against the plaintext squeezed model. */
    private void agreement(Parameters params, PlainGpt plain, Weights weights, ModelPackage tiny, ExecutorService pool) {
        long t0 = System.nanoTime();
        EncryptedGpt circuit = new EncryptedGpt(plain.config(), weights, params, pool, pool, DiagonalCache.halfOfHeap());
        ZkllmClient client = new ZkllmClient(params, plain, Sampler.secure());
        EncryptedGpt.Session miner = circuit.open(client.keySetId(), client.evaluationKeys(circuit.rotationSteps()));
        List<int[]> prompts = HeldOutAgreement.prompts(tiny, agreementFrom, agreement);
        HeldOutAgreement.Result result = HeldOutAgreement.measure(prompts, plain, batch -> {
            Ciphertext state = client.encryptPrompts(batch);
            return client.decryptLogits(miner.logits(client.keySetId(), state, client.segments(), client));
        }, partial -> {});
        out().printf("agreement: %d held-out prompts, %d positions: encrypted argmax = plaintext squeezed argmax at %d (%.2f%%, target >= 99%%); "
                + "max logit error %.2e; %.0f s%n", prompts.size(), result.positions(), result.agreeing(), result.percent(), result.worstLogitError(),
                (System.nanoTime() - t0) / 1e9);
    }
}
