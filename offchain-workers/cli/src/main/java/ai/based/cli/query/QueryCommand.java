package ai.based.cli.query;

import ai.based.client.InvalidInputException;
import ai.based.cli.BaseCommand;
import ai.based.cli.model.PackageLocator;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.ring.Sampler;
import ai.based.fhe.zkllm.encrypted.EncryptedGeneration;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.encrypted.WirePass;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;


/**
 * Asks a model for a continuation with the prompt encrypted: keys are generated for this query and the secret key
 * stays in memory, the prompt's embeddings are encrypted, the miner's side runs in this process (the miner service comes
 * with the workers), and only the client decrypts the logits.
 */
@Command(name = "query", description = "Generate tokens from a model with the prompt encrypted (CKKS, 128-bit): the miner's side "
        + "computes on ciphertexts only; prints each token with its time, bytes and client round trips. The prompt comes from "
        + "standard input or --prompt-file, never from the command line.")
public final class QueryCommand extends BaseCommand {
    @Option(names = "--prompt-file", paramLabel = "FILE", description = "read the prompt from FILE (default: standard input)")
    Path promptFile;

    /** Caught only to refuse it by name: a prompt among the arguments is readable by every local user through /proc. */
    @picocli.CommandLine.Parameters(arity = "0..*", hidden = true)
    List<String> promptOnCommandLine;

    @Option(names = "--model", defaultValue = "tiny", description = "a package directory, a name under <home>/models, or 'tiny' (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--tokens", defaultValue = "4", description = "tokens to generate (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--temperature", defaultValue = "0", description = "0 for greedy decoding, else the sampling temperature (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--threads", description = "miner threads (default: all cores)")
    Integer threads;

    @Override
    protected void run() throws Exception {
        if (promptOnCommandLine != null && !promptOnCommandLine.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "the prompt is not taken from the command line, where every local user "
                    + "reads it through /proc: pipe it to standard input (echo PROMPT | based query) or use --prompt-file FILE");
        }
        if (tokens < 1) throw new InvalidInputException("--tokens must be at least 1");
        PackageLocator.Located located = PackageLocator.locate(home(), model);
        ModelPackage pkg = located.model();
        if (!pkg.config().heFriendly()) {
            throw new InvalidInputException(pkg.config().name() + " is a softmax twin and cannot run encrypted: query an HE-friendly package");
        }
        if (promptFile == null) progress().accept("reading the prompt from standard input (end it with Ctrl-D), or use --prompt-file FILE");
        String prompt;
        try {
            prompt = PromptInput.read(promptFile, System.in);
        } catch (InvalidInputException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers));
        try {
            Parameters params = Parameters.create(EncryptedGpt.PARAMETERS);
            EncryptedGpt circuit = new EncryptedGpt(pkg.config(), pkg.weights(), params, pool, pool, DiagonalCache.halfOfHeap());
            long k0 = System.nanoTime();
            ZkllmClient client = new ZkllmClient(params, new PlainGpt(pkg.config(), pkg.weights()), Sampler.secure());
            var keys = client.evaluationKeys(circuit.rotationSteps());
            out().printf("%s (%s); %s%n", pkg.config().name(), located.where(), params);
            out().printf("client keys: %.1f s, %d Galois keys; evaluation keys %,d bytes to the miner (once per key set)%n",
                    (System.nanoTime() - k0) / 1e9, keys.galois().size(), client.bytes(keys));
            WirePass miner = new WirePass(circuit.open(client.keySetId(), keys));
            EncryptedGeneration generation = new EncryptedGeneration(client, miner, pkg.tokenizer(), pkg.config().context());
            out().println("prompt: " + prompt);
            Random random = new SecureRandom();
            List<EncryptedGeneration.Step> steps = generation.generate(prompt, tokens, temperature, random, step -> {
                out().printf("  token %-6d %-14s %6.1f s (client %.2f s), %,d bytes up, %,d down, %d round trips%n", step.token(),
                        quoted(pkg.tokenizer().decode(List.of(step.token()))), step.seconds(), step.clientSeconds(), step.bytesUp(),
                        step.bytesDown(), step.rounds());
                out().flush();
            });
            out().println("continuation: " + generation.decode(steps));
        } finally {
            pool.shutdownNow();
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
