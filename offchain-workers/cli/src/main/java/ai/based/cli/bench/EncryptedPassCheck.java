package ai.based.cli.bench;

import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.compute.ComputeBackends;
import ai.based.fhe.rlwe.CiphertextAccelerator;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import java.io.IOException;
import java.util.List;

/**
 * One encrypted token of the bundled tiny model on this process's CKKS kernels: {@code bench zkllm}'s timed pass
 * without its squeezing and training, for the GPU device check, whose machine carries the fhe jars but not the whole
 * CLI. The check runs it twice, with {@code -Dbased.ckks.backend=gpu} and with {@code cpu-avx512}, side by side.
 * Usage: {@code EncryptedPassCheck [prompt tokens, default 32]}.
 */
public final class EncryptedPassCheck {
    /** Genesis 1:1-3 (King James Version, public domain): more than a context's worth of tokens. */
    private static final String PROMPT = "In the beginning God created the heaven and the earth. And the earth was without form, and void; "
            + "and darkness was upon the face of the deep. And the Spirit of God moved upon the face of the waters. And God said, "
            + "Let there be light: and there was light.";

    private EncryptedPassCheck() {}

    public static void main(String[] args) throws IOException {
        ModelPackage tiny = ModelPackage.bundled("tiny");
        int tokens = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        List<Integer> ids = tiny.tokenizer().encode(PROMPT);
        if (tokens < 1 || tokens > Math.min(ids.size(), tiny.config().context())) {
            throw new IllegalArgumentException("prompt tokens must be in 1.." + Math.min(ids.size(), tiny.config().context()));
        }
        int[] prompt = ids.stream().limit(tokens).mapToInt(Integer::intValue).toArray();
        Parameters params = Parameters.create(EncryptedGpt.PARAMETERS);
        String accelerator = CiphertextAccelerator.forRing(params.ring()).map(CiphertextAccelerator::name).orElse("host");
        System.out.printf("%s, CKKS kernels: %s, ciphertext operations on: %s; tiny, one encrypted pass over %d tokens, %s%n",
                MachineLoad.describe(), ComputeBackends.selected().name(), accelerator, tokens, params);
        EncryptedPassTiming t = EncryptedPassTiming.measure(params, new PlainGpt(tiny.config(), tiny.weights()), tiny.weights(), prompt, Runnable::run);
        System.out.printf("tiny: %.2f s/token single-threaded (miner %.2f s, median of %d warm passes; client encrypt %.2f s + decrypt %.2f s); "
                + "first pass %.2f s; %,d key switches; %d round trips%n", t.perToken(), t.minerSeconds(), EncryptedPassTiming.WARM_PASSES,
                t.encryptSeconds(), t.decryptSeconds(), t.firstPassSeconds(), t.keySwitches(), t.rounds());
        System.out.printf("against the plaintext model: argmax agrees at %d of %d positions, largest logit error %.2e%n",
                t.agreement().agreeing(), t.agreement().positions(), t.agreement().worstLogitError());
    }
}
