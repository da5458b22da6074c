package ai.based.cli.bench;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.circuits.BootstrapParameters;
import ai.based.fhe.circuits.Bootstrapper;
import ai.based.fhe.circuits.BootstrappingKeys;
import ai.based.fhe.ring.LimbParallelism;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.zkllm.encrypted.BootstrapRefresh;
import ai.based.fhe.zkllm.encrypted.CircuitFrame;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.encrypted.EncryptedReciprocal;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.BoundedAttention;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * `based bench zkllm --bootstrapped-refresh` and `--non-interactive`: an encrypted pass whose refreshes the miner makes
 * by bootstrapping (N = 2^16, {@link BootstrapParameters#N16_MODEL}: 8,192 slots, ten levels, keys that leave out the
 * primes above them) on one thread and on all cores, beside the interactive pass (N = 2^14, the client refreshes, one
 * thread) in the same run: seconds per token, bytes each way, client round trips, bootstraps, keys; then the next-token argmax agreement with the
 * plaintext model over held-out prompts, four per ciphertext. With the bootstrapped refresh the tiny model's state is
 * refreshed on the miner and attention's division stays the client's; non-interactive, tiny-bounded's division runs
 * on the miner too ({@link EncryptedReciprocal}, seven doublings over [1, 256]) and the client only sends the prompt and
 * receives the logits.
 */
final class BootstrappedRefreshBench {
    private static final int PASSES = 3;

    private BootstrappedRefreshBench() {}

    /** Doublings of the reciprocal: seven fit the ten levels with the one that brings it back into range. */
    static final int DOUBLINGS = 7;
    /** The reciprocal's interval: from the bounded model's floor to four times its ceiling. */
    static final double RECIPROCAL_HIGH = 256;

    /** @param timed whether to time the passes (else only the agreement runs) */
    static void run(ModelPackage tiny, int[] prompt, List<int[]> agreementPrompts, boolean nonInteractive, boolean timed, PrintWriter out) {
        PlainGpt plain = new PlainGpt(tiny.config(), tiny.weights());
        BoundedAttention bounds = tiny.config().boundedAttention();
        if (nonInteractive && bounds == null) throw new IllegalArgumentException(tiny.config().name() + " has no bounded attention divisor");
        double interactiveSeconds = 0;
        if (timed) {
            EncryptedPassTiming interactive = EncryptedPassTiming.measure(Parameters.create(EncryptedGpt.PARAMETERS), plain, tiny.weights(), prompt,
                    Runnable::run);
            out.printf("%s interactive (N = 2^14, the client refreshes): %.1f s/token, 1 thread (warm diagonal cache); %d client round trips; "
                    + "%,d bytes up, %,d down; evaluation keys %,d bytes%n", tiny.config().name(), interactive.perToken(), interactive.rounds(),
                    interactive.bytesUp(), interactive.bytesDown(), interactive.keyBytes());
            out.flush();
            interactiveSeconds = interactive.perToken();
        }

        BootstrapParameters set = BootstrapParameters.N16_MODEL;
        Parameters params = Parameters.create(set.ckks());
        CircuitFrame frame = new CircuitFrame(params, set.slots(), Bootstrapper.outputLevel(set));
        EncryptedGpt circuit = new EncryptedGpt(tiny.config(), tiny.weights(), frame, Runnable::run, Runnable::run, DiagonalCache.none());
        long k0 = System.nanoTime();
        ZkllmClient client = new ZkllmClient(frame, plain, Sampler.secure());
        EvaluationKeys keys = client.evaluationKeys(circuit.rotationSteps()).compact(); // a quarter of the memory beside bootstrapping's
        BootstrappingKeys bootKeys = client.bootstrappingKeys(set);
        double keygen = (System.nanoTime() - k0) / 1e9;
        String mode = nonInteractive ? "non-interactive" : "bootstrapped refresh";
        out.printf("%s (N = 2^16, %d slots, fresh level %d): keygen %.1f s; model keys %,d bytes on the wire (level-limited), "
                + "bootstrapping keys %,d bytes%n", mode, set.slots(), frame.freshLevel(), keygen, client.bytes(keys), bootKeys.bytes());
        out.flush();
        EncryptedGpt.Session miner = circuit.open(client.keySetId(), keys);
        Function<Bootstrapper, Supplier<BootstrapRefresh>> refreshesOn = bootstrapper -> nonInteractive
                ? () -> new BootstrapRefresh(bootstrapper, bounds, EncryptedReciprocal.forAttention(bounds, RECIPROCAL_HIGH, DOUBLINGS))
                : () -> new BootstrapRefresh(bootstrapper, client);
        double single = timed ? medianPass(miner, client, refreshesOn.apply(new Bootstrapper(params, set, bootKeys)), prompt, "1 thread", out) : 0;
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        // a pool of its own for the bootstrapper's limbs: it never runs beside attention's offset groups, but a limb
        // task waiting on the pool that runs it could starve it
        ExecutorService limbs = Executors.newFixedThreadPool(cores);
        try {
            EncryptedGpt parallelCircuit = new EncryptedGpt(tiny.config(), tiny.weights(), frame, pool, pool, DiagonalCache.none());
            EncryptedGpt.Session parallelMiner = parallelCircuit.open(client.keySetId(), keys);
            Supplier<BootstrapRefresh> parallelRefreshes = refreshesOn.apply(new Bootstrapper(params, set, bootKeys, LimbParallelism.on(limbs)));
            if (timed) {
                double parallel = medianPass(parallelMiner, client, parallelRefreshes, prompt, cores + " threads", out);
                out.printf("%s: median %.1f s/token on 1 thread, %.1f on %d threads (no diagonal cache: N = 2^16 plaintexts would need about 5x "
                        + "the interactive pass's 2.5 GB); interactive %.1f s/token on 1 thread%n", mode, single, parallel, cores, interactiveSeconds);
            }
            // on every core: 200 prompts are about 50 passes
            if (!agreementPrompts.isEmpty()) agreement(plain, parallelMiner, client, parallelRefreshes, agreementPrompts, mode, out);
        } finally {
            pool.shutdownNow();
            limbs.shutdownNow();
        }
    }

    /** Times {@link #PASSES} passes, printing each; returns the median. */
    private static double medianPass(EncryptedGpt.Session miner, ZkllmClient client, Supplier<BootstrapRefresh> refreshes, int[] prompt, String threads,
            PrintWriter out) {
        double[] seconds = new double[PASSES];
        for (int pass = 0; pass < PASSES; pass++) {
            BootstrapRefresh refresh = refreshes.get();
            client.resetTraffic();
            long t0 = System.nanoTime();
            Ciphertext state = client.encryptPrompts(List.of(prompt));
            List<Ciphertext> logits = miner.logits(client.keySetId(), state, client.segments(), refresh);
            client.decryptLogits(logits);
            seconds[pass] = (System.nanoTime() - t0) / 1e9;
            out.printf("  %s, pass %d: %.1f s (%d bootstrap(s)); %d client round trips; %,d bytes up, %,d down%n", threads, pass + 1, seconds[pass],
                    refresh.bootstraps(), client.traffic().rounds(), client.traffic().bytesUp(), client.traffic().bytesDown());
            out.flush();
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        out.printf("  %s: median %.1f s/token (min %.1f, max %.1f, spread %.2fx)%n", threads, sorted[PASSES / 2], sorted[0], sorted[PASSES - 1],
                sorted[PASSES - 1] / sorted[0]);
        return sorted[PASSES / 2];
    }

    private static void agreement(PlainGpt plain, EncryptedGpt.Session miner, ZkllmClient client,
            Supplier<BootstrapRefresh> refreshes, List<int[]> prompts, String mode, PrintWriter out) {
        long t0 = System.nanoTime();
        HeldOutAgreement.Result result = HeldOutAgreement.measure(prompts, plain, batch -> {
            Ciphertext state = client.encryptPrompts(batch);
            return client.decryptLogits(miner.logits(client.keySetId(), state, client.segments(), refreshes.get()));
        }, partial -> {
            out.printf("  agreement: %d of %d prompts, %d of %d positions agree so far, max logit error %.2e%n", partial.prompts(), prompts.size(),
                    partial.agreeing(), partial.positions(), partial.worstLogitError());
            out.flush();
        });
        out.printf("agreement (%s): %d held-out prompts, %d positions: encrypted argmax = plaintext argmax at %d (%.2f%%, "
                + "target >= 99%%); max logit error %.2e; %.0f s%n", mode, prompts.size(), result.positions(), result.agreeing(), result.percent(),
                result.worstLogitError(), (System.nanoTime() - t0) / 1e9);
    }
}
