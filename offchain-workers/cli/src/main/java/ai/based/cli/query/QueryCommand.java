package ai.based.cli.query;

import ai.based.client.InvalidInputException;
import ai.based.cli.BaseCommand;
import ai.based.cli.model.PackageLocator;
import ai.based.fhe.zkllm.encrypted.EncryptedGeneration;
import ai.based.miner.remote.ChannelPayer;
import java.net.URI;
import java.util.HexFormat;
import java.util.function.Consumer;
import ai.based.fhe.zkllm.encrypted.ZkllmClient;
import ai.based.fhe.zkllm.model.ModelPackage;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SignerOptions;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.client.market.ComputeMarketClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;


/**
 * Asks a model for a continuation with the prompt encrypted: keys are generated for this query and the secret key
 * stays in memory, the prompt's embeddings are encrypted, a miner evaluates the model on ciphertexts (across the
 * network, or in this process with --local) and only the client decrypts the logits.
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

    @Option(names = "--model", description = "a package directory, a name under <home>/models, or a bundled name (default: the Brain's "
            + "model with --brain, else 'tiny')")
    String model;

    @Option(names = "--tokens", defaultValue = "4", description = "tokens to generate (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--temperature", defaultValue = "0", description = "0 for greedy decoding, else the sampling temperature (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--threads", description = "miner threads of a --local query (default: all cores)")
    Integer threads;

    @Option(names = "--local", description = "run the miner's side in this process instead of asking a miner (no network)")
    boolean local;

    @Option(names = "--brain", paramLabel = "N", converter = ai.based.cli.Converters.BrainNumber.class, description = "ask Brain N's "
            + "miners, found on chain (endpoints and certificate hashes), fastest first, paid from --wallet's spending account")
    Long brainId;

    /** Who pays the Brain's miners (with --brain). */
    @ArgGroup(exclusive = false)
    SignerOptions signer;

    @Mixin
    NetworkOptions network;

    @Option(names = "--miner", paramLabel = "URL", description = "the miner to ask (https://host:port): one of the Brain's with --brain, "
            + "else an offline miner with --pin")
    URI miner;

    @Option(names = "--pin", paramLabel = "SHA256", description = "the SHA-256 of --miner's certificate, as it announces on chain")
    String pin;

    @Option(names = "--retry", description = "when a miner fails on its side, go on with the next one (uploading the key set there)")
    boolean retry;

    @Option(names = "--non-interactive", description = "no client round trips: the miner bootstraps (CKKS at N = 2^16) and divides "
            + "attention itself, so the client only sends the prompt and decrypts the logits; needs a model with a bounded attention "
            + "divisor (tiny-bounded) and a miner started with --non-interactive; each run makes a fresh key set of several GB (written to a "
            + "file key by key) and uploads it once to each miner it asks. The default for a model that can run so")
    boolean nonInteractive;

    @Option(names = "--interactive", description = "answer the miner's round trips (N = 2^14) even with a model that runs without them: "
            + "about 20x faster per token and a small key set, but each round trip is a message a malicious miner can probe the prompt with")
    boolean interactive;

    @Override
    protected void run() throws Exception {
        if (promptOnCommandLine != null && !promptOnCommandLine.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "the prompt is not taken from the command line, where every local user "
                    + "reads it through /proc: pipe it to standard input (echo PROMPT | based query) or use --prompt-file FILE");
        }
        if (tokens < 1) throw new InvalidInputException("--tokens must be at least 1");
        if (local && (brainId != null || miner != null)) throw new ParameterException(spec.commandLine(), "--local runs no miner: drop --brain and --miner");
        if (!local && brainId == null && (miner == null || pin == null)) {
            throw new ParameterException(spec.commandLine(), "say which miners to ask: --brain N (found on chain), --miner URL --pin SHA256 "
                    + "(an offline miner), or --local to run the miner's side in this process");
        }
        if (brainId != null) {
            try (BasedSession session = BasedSession.open(network.manifest(home()))) {
                BrainMiners brain = BrainMiners.find(session, brainId, miner);
                PackageLocator.Located located = PackageLocator.locate(home(), model != null ? model : brain.model().name());
                if (!located.id().equals(brain.model())) {
                    throw new InvalidInputException("Brain #" + brainId + " runs " + brain.model() + ", but your package " + located.where() + " is "
                            + located.id() + ": query with the Brain's package (--model)");
                }
                if (signer == null) throw new ParameterException(spec.commandLine(), "Brain #" + brainId + "'s miners are paid: give --wallet NAME");
                ChannelPayer payer = new ChannelPayer(new ComputeMarketClient(session), signer.unlock(home()), brainId,
                        home().root().resolve("payments").resolve(network.name()));
                payer.checkCovers(tokens);
                generate(located, brain.candidates(), payer);
            }
            return;
        }
        List<MinerCandidate> candidates = local ? List.of()
                : List.of(new MinerCandidate(miner, pinBytes(), miner.toString(), null));
        generate(PackageLocator.locate(home(), model != null ? model : "tiny"), candidates, null);
    }

    private void generate(PackageLocator.Located located, List<MinerCandidate> candidates, ChannelPayer payer) throws Exception {
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
        boolean noRoundTrips = withoutRoundTrips(pkg);
        // the miners first: a non-interactive key set takes half a minute and 4 GB of disk to make
        List<MinerRanking.Ranked> miners = local ? List.of() : rank(candidates, located, noRoundTrips);
        int workers = Math.max(1, threads != null ? threads : Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        // a bootstrap's per-limb work gets threads of its own: a limb task waiting on the pool that runs it could starve it
        ExecutorService limbs = Executors.newFixedThreadPool(workers);
        try {
            if (noRoundTrips) progress().accept("making the non-interactive key set (the model's keys and bootstrapping's at N = 2^16)");
            QueryKeys query = noRoundTrips ? QueryKeys.nonInteractive(pkg, pool, local ? null : home().root().resolve("query-keys"))
                    : QueryKeys.interactive(pkg, pool, local);
            try (query) {
                ZkllmClient client = query.client();
                out().printf("%s (%s); %s%n", located.id(), located.where(), query.parameters());
                out().println(query.describe());
                out().println("prompt: " + prompt);
                Random random = new SecureRandom();
                List<Integer> ids = pkg.tokenizer().encode(prompt);
                Consumer<EncryptedGeneration.Step> print = step -> {
                    out().printf("  token %-6d %-14s %6.1f s (client %.2f s), %,d bytes up, %,d down, %d round trips%s%n", step.token(),
                            quoted(pkg.tokenizer().decode(List.of(step.token()))), step.seconds(), step.clientSeconds(), step.bytesUp(),
                            step.bytesDown(), step.rounds(),
                            step.anomalies() == 0 ? "" : ", " + step.anomalies() + " values out of range (first: " + step.firstAnomaly() + ")");
                    out().flush();
                };
                List<EncryptedGeneration.Step> steps;
                if (local) {
                    steps = new EncryptedGeneration(client, query.inProcess(limbs), pkg.tokenizer(), pkg.config().context(), noRoundTrips)
                            .generate(ids, tokens, temperature, random, print);
                } else {
                    RemoteGeneration remote = new RemoteGeneration(client, query.upload(), noRoundTrips, retry, payer, progress());
                    steps = remote.generate(miners, pkg.tokenizer(), pkg.config().context(), ids, tokens, temperature, random, print);
                }
                out().println("continuation: " + pkg.tokenizer().decode(steps.stream().map(EncryptedGeneration.Step::token).toList()));
                if (payer != null) {
                    out().printf("paid %d compute units at %s BASED each, by signed receipts the miners redeem%n", steps.size(), Pepe.format(payer.price()));
                }
                long anomalies = steps.stream().mapToLong(EncryptedGeneration.Step::anomalies).sum();
                if (anomalies > 0) {
                    throw new InvalidInputException("the miner's round trips carried " + anomalies + " values out of range (a faulty or malicious "
                            + "miner): the answer above is not to be trusted");
                }
            }
        } finally {
            pool.shutdownNow();
            limbs.shutdownNow();
        }
    }

    /**
     * --non-interactive, --interactive, or else what the model allows: no round trips when its attention divisor is
     * bounded (issue 18: the mode is the default once its agreement holds; 200 of 200 held-out prompts).
     */
    private boolean withoutRoundTrips(ModelPackage pkg) {
        if (nonInteractive && interactive) throw new ParameterException(spec.commandLine(), "--interactive or --non-interactive, not both");
        if (nonInteractive || interactive) return nonInteractive;
        boolean bounded = QueryKeys.runsWithoutRoundTrips(pkg);
        if (bounded) {
            progress().accept(pkg.config().name() + " runs without client round trips: querying non-interactively (--interactive for round trips)");
        }
        return bounded;
    }

    private List<MinerRanking.Ranked> rank(List<MinerCandidate> candidates, PackageLocator.Located located, boolean noRoundTrips) {
        try {
            return RemoteGeneration.rank(candidates, located.id(), noRoundTrips, QueryKeys.parameters(noRoundTrips), progress());
        } catch (InvalidInputException e) {
            if (!noRoundTrips || nonInteractive) throw e; // the user asked for the mode: the message stands as it is
            throw new InvalidInputException(e.getMessage() + " (non-interactive, the default for " + located.model().config().name()
                    + "; --interactive asks miners that serve round trips)", e);
        }
    }

    private byte[] pinBytes() {
        if (!pin.matches("[0-9a-fA-F]{64}")) throw new ParameterException(spec.commandLine(), "--pin is the certificate's SHA-256: 64 hex digits");
        return HexFormat.of().parseHex(pin.toLowerCase());
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
