package ai.based.cli.bench;

import ai.based.fhe.ckks.EvaluationKeys;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.circuits.BootstrapParameters;
import ai.based.fhe.circuits.Bootstrapper;
import ai.based.fhe.circuits.BootstrappingKeys;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.rlwe.Ciphertext;
import ai.based.fhe.rlwe.SwitchingKey;
import ai.based.fhe.zkllm.encrypted.BootstrapRefresh;
import ai.based.fhe.zkllm.encrypted.CircuitFrame;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * `based bench zkllm --bootstrapped-refresh`: the tiny model's encrypted pass with the hidden state refreshed by the
 * miner's bootstrapping (N = 2^16, {@link BootstrapParameters#N16_MODEL}: 8,192 slots, nine levels, keys that leave out
 * the primes above them) beside the interactive pass (N = 2^14, the client refreshes), both on one thread in the same
 * run: seconds per token, bytes each way, client round trips, bootstraps, keys; then the next-token argmax agreement
 * of the bootstrapped pass with the plaintext model over held-out prompts, four per ciphertext.
 */
final class BootstrappedRefreshBench {
    private static final int PASSES = 3;

    private BootstrappedRefreshBench() {}

    static void run(ModelPackage tiny, int[] prompt, int agreementPrompts, PrintWriter out) {
        PlainGpt plain = new PlainGpt(tiny.config(), tiny.weights());
        Parameters interactiveParams = Parameters.create(EncryptedGpt.PARAMETERS);
        EncryptedPassTiming interactive = EncryptedPassTiming.measure(interactiveParams, plain, tiny.weights(), prompt, Runnable::run);
        out.printf("interactive (N = 2^14, the client refreshes): %.1f s/token, 1 thread (warm diagonal cache); %d client round trips; "
                + "%,d bytes up, %,d down; evaluation keys %,d bytes%n", interactive.perToken(), interactive.rounds(), interactive.bytesUp(),
                interactive.bytesDown(), interactive.keyBytes());
        out.flush();

        BootstrapParameters set = BootstrapParameters.N16_MODEL;
        Parameters params = Parameters.create(set.ckks());
        CircuitFrame frame = new CircuitFrame(params, set.slots(), Bootstrapper.outputLevel(set));
        EncryptedGpt circuit = new EncryptedGpt(tiny.config(), tiny.weights(), frame, Runnable::run, Runnable::run, DiagonalCache.none());
        long k0 = System.nanoTime();
        ZkllmClient client = new ZkllmClient(frame, plain, Sampler.secure());
        EvaluationKeys keys = lean(client.evaluationKeys(circuit.rotationSteps()));
        BootstrappingKeys bootKeys = client.bootstrappingKeys(set);
        double keygen = (System.nanoTime() - k0) / 1e9;
        out.printf("bootstrapped refresh (N = 2^16, %d slots, fresh level %d): keygen %.1f s; model keys %,d bytes on the wire (level-limited), "
                + "bootstrapping keys %,d bytes%n", set.slots(), frame.freshLevel(), keygen, client.bytes(keys), bootKeys.bytes());
        out.flush();
        EncryptedGpt.Session miner = circuit.open(client.keySetId(), keys);
        Bootstrapper bootstrapper = new Bootstrapper(params, set, bootKeys);
        double[] seconds = new double[PASSES];
        for (int pass = 0; pass < PASSES; pass++) {
            BootstrapRefresh refresh = new BootstrapRefresh(bootstrapper, client);
            client.resetTraffic();
            long t0 = System.nanoTime();
            Ciphertext state = client.encryptPrompts(List.of(prompt));
            List<Ciphertext> logits = miner.logits(client.keySetId(), state, client.segments(), refresh);
            client.decryptLogits(logits);
            seconds[pass] = (System.nanoTime() - t0) / 1e9;
            out.printf("  pass %d: %.1f s (%d bootstrap(s)); %d client round trips; %,d bytes up, %,d down%n", pass + 1, seconds[pass],
                    refresh.bootstraps(), client.traffic().rounds(), client.traffic().bytesUp(), client.traffic().bytesDown());
            out.flush();
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        out.printf("bootstrapped refresh: median %.1f s/token, 1 thread (min %.1f, max %.1f, spread %.2fx; no diagonal cache: N = 2^16 "
                + "plaintexts would need about 5x the interactive pass's 2.5 GB); interactive %.1f s/token%n", sorted[PASSES / 2], sorted[0],
                sorted[PASSES - 1], sorted[PASSES - 1] / sorted[0], interactive.perToken());
        if (agreementPrompts > 0) agreement(tiny, plain, miner, client, bootstrapper, agreementPrompts, out);
    }

    /** Lean copies of the keys (no Shoup companions): half the memory beside bootstrapping's. */
    private static EvaluationKeys lean(EvaluationKeys keys) {
        Map<Long, SwitchingKey> galois = new HashMap<>();
        keys.galois().forEach((element, key) -> galois.put(element, key.lean()));
        return new EvaluationKeys(keys.relinearization().map(SwitchingKey::lean), galois);
    }

    private static void agreement(ModelPackage tiny, PlainGpt plain, EncryptedGpt.Session miner, ZkllmClient client, Bootstrapper bootstrapper,
            int count, PrintWriter out) {
        long t0 = System.nanoTime();
        List<int[]> prompts = HeldOutAgreement.prompts(tiny, count);
        HeldOutAgreement.Result result = HeldOutAgreement.measure(prompts, plain, batch -> {
            Ciphertext state = client.encryptPrompts(batch);
            return client.decryptLogits(miner.logits(client.keySetId(), state, client.segments(), new BootstrapRefresh(bootstrapper, client)));
        }, partial -> {
            out.printf("  agreement: %d of %d prompts, %d of %d positions agree so far, max logit error %.2e%n", partial.prompts(), prompts.size(),
                    partial.agreeing(), partial.positions(), partial.worstLogitError());
            out.flush();
        });
        out.printf("agreement (bootstrapped refresh): %d held-out prompts, %d positions: encrypted argmax = plaintext argmax at %d (%.2f%%, "
                + "target >= 99%%); max logit error %.2e; %.0f s%n", prompts.size(), result.positions(), result.agreeing(), result.percent(),
                result.worstLogitError(), (System.nanoTime() - t0) / 1e9);
    }
}
