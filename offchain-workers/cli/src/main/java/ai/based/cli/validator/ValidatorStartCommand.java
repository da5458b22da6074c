package ai.based.cli.validator;

import ai.based.fhe.circuits.BootstrapParameters;
import ai.based.fhe.circuits.Bootstrapper;
import ai.based.fhe.zkllm.encrypted.BootstrappedPass;
import ai.based.fhe.zkllm.encrypted.CircuitFrame;
import ai.based.protocol.scoring.ScoringParameters;
import ai.based.validator.NonInteractiveChallenges;
import java.util.Optional;

import ai.based.cli.BaseCommand;
import ai.based.cli.NetworkOptions;
import ai.based.cli.SignerOptions;
import ai.based.cli.basedai.MemorizeCommand;
import ai.based.cli.model.PackageLocator;
import ai.based.client.BasedHome;
import ai.based.client.BasedSession;
import ai.based.client.InvalidInputException;
import ai.based.client.basedai.NodeRole;
import ai.based.client.basedai.ValidatorWeightsClient;
import ai.based.client.market.ComputeMarketClient;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.zkllm.diagnosis.EncryptedDiagnosis;
import ai.based.fhe.zkllm.encrypted.DiagonalCache;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.model.ModelId;
import ai.based.fhe.zkllm.model.ModelPackage;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.service.PeriodicService;
import ai.based.service.ServiceMain;
import ai.based.validator.ChainPayer;
import ai.based.validator.Challenger;
import ai.based.validator.CommitBook;
import ai.based.validator.DiagnosisChallenger;
import ai.based.validator.HeldOutRecords;
import ai.based.validator.MinerChallenger;
import ai.based.validator.HeldOutPrompts;
import ai.based.validator.MinerRoster;
import ai.based.validator.ValidatorService;
import ai.based.validator.ValidatorSettings;
import ai.based.validator.WalletTransactions;
import ai.based.validator.WeightSetter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "start", description = "Challenge Brain N's serving miners until interrupted, through the path a user's query takes (a "
        + "fresh key set per challenge, paid requests; a language Brain gets prompts from held-out text, a diagnosis Brain "
        + "held-out patient records as a clinic sends them), score what they answer against the plaintext model, and commit "
        + "(epoch e) and reveal (epoch e + 1) the weights on chain. Memorizes the wallet as a validator of the Brain if needed; "
        + "GET /metrics shows each miner's average and last score.")
public final class ValidatorStartCommand extends BaseCommand {
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(5);

    @Option(names = "--brain", paramLabel = "N", converter = ai.based.cli.Converters.BrainNumber.class, description = "the Brain whose miners to score")
    Long brainId;

    /** The validator's wallet: memorized, it signs the commits and reveals and pays the challenges. */
    @ArgGroup(exclusive = false)
    SignerOptions signer;

    @Mixin
    NetworkOptions network;

    @Option(names = "--model", paramLabel = "NAME|DIR", description = "the Brain's model package (language or "
            + "diagnosis), for the plaintext reference (default: the Brain's model, by name)")
    String model;

    @Option(names = "--tokens", defaultValue = "2", description = "tokens per challenge of a language Brain (default: ${DEFAULT-VALUE})")
    int tokens;

    @Option(names = "--interval", defaultValue = "10", paramLabel = "SECONDS", description = "pause between challenges (default: ${DEFAULT-VALUE})")
    long intervalSeconds;

    @Option(names = "--non-interactive-every", paramLabel = "K", defaultValue = "0", description = "every K-th challenge of a miner "
            + "that serves non-interactive passes runs as 'query --non-interactive' does (a bounded-divisor model; N = 2^16 keys: about "
            + "8 GB of memory and a 4 GB upload per such challenge); 0 never (default: ${DEFAULT-VALUE})")
    int nonInteractiveEvery;

    @Option(names = "--port", defaultValue = "0", description = "port of /health and /metrics (default: a free one)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address of /health and /metrics (default: ${DEFAULT-VALUE})")
    String host;

    /** A validator's state (commit book, payments) for one Brain: shared with 'based weights', which commits by hand. */
    public static Path stateDir(BasedHome home, String network, long brainId, String validator) {
        return home.root().resolve("validators").resolve(network).resolve(brainId + "-" + validator.toLowerCase());
    }

    @Override
    protected void run() throws Exception {
        if (brainId == null || signer == null) throw new ParameterException(spec.commandLine(), "a validator scores a Brain: give --brain N and --wallet NAME");
        if (tokens < 1) throw new ParameterException(spec.commandLine(), "--tokens must be at least 1");
        if (intervalSeconds < 1) throw new ParameterException(spec.commandLine(), "--interval must be at least 1 second");
        Credentials key = signer.unlock(home());
        try (BasedSession session = BasedSession.open(network.manifest(home()))) {
            MinerRoster roster = new MinerRoster(session, brainId);
            ModelId wanted = brainsModel(roster);
            String where = model != null ? model : wanted.name();
            Path state = stateDir(home(), network.name(), brainId, key.getAddress());
            ValidatorSettings settings = new ValidatorSettings(brainId, state, tokens, ValidatorSettings.defaultScoring(), 0.3, Duration.ofMinutes(3));
            // the challenge thread's deposits and the pass thread's commits and reveals: one wallet, one transaction at a time
            WalletTransactions transactions = new WalletTransactions();
            ChainPayer payer = new ChainPayer(new ComputeMarketClient(session), key, brainId, state.resolve("payments"), progress(), transactions);
            // the Brain's model id on chain says its task: a diagnosis Brain's miners are challenged as clinics query them
            MinerChallenger challenger = PackageLocator.isDiagnosis(home(), where) ? diagnosisChallenger(wanted, where, settings, payer)
                    : languageChallenger(wanted, where, settings, payer);
            // memorized only once the package checks out: a wrong package costs no transaction
            if (!session.registry(session.reader()).uidOf(BigInteger.valueOf(brainId), NodeRole.VALIDATOR.onChain(), key.getAddress()).send().component1()) {
                MemorizeCommand.memorize(session, key, brainId, NodeRole.VALIDATOR, new byte[32], progress());
            }
            WeightSetter weights = new WeightSetter(new ValidatorWeightsClient(session), key, brainId, new CommitBook(state.resolve("commits.json")),
                    progress(), transactions);
            ValidatorService validator = new ValidatorService(roster, challenger, weights, settings.emaAlpha(), progress());
            PeriodicService service = validator.service("validator", host, port, Duration.ofSeconds(intervalSeconds), progress());
            service.start().get();
            out().printf("validator of Brain #%d (%s) as %s, scoring against %s; metrics at http://%s:%d/metrics; Ctrl-C or SIGTERM stops it%n",
                    brainId, wanted, key.getAddress(), scoredAgainst, host, service.httpPort());
            out().flush();
            ServiceMain.runUntilStopped(service, STOP_TIMEOUT);
            out().println("validator stopped after " + validator.metrics().getLong("challenges") + " challenges");
        }
    }

    private String scoredAgainst;

    private MinerChallenger languageChallenger(ModelId wanted, String where, ValidatorSettings settings, ChainPayer payer) {
        PackageLocator.Located located = PackageLocator.locate(home(), where);
        checkSame(wanted, located.id(), located.where());
        scoredAgainst = located.where();
        ModelPackage pkg = located.model();
        Parameters params = Parameters.create(EncryptedGpt.PARAMETERS);
        // the rotations a user sends keys for come from its own copy of the model; the validator does the same
        EncryptedGpt circuit = new EncryptedGpt(pkg.config(), pkg.weights(), params, Runnable::run, Runnable::run, DiagonalCache.none());
        return new Challenger(new PlainGpt(pkg.config(), pkg.weights()), wanted, params, circuit.rotationSteps(),
                HeldOutPrompts.kjv(pkg.tokenizer(), pkg.config().context(), tokens, new SecureRandom()), settings, payer, nonInteractive(pkg));
    }

    /** The non-interactive challenges --non-interactive-every asks for, at the parameters miners serve them at. */
    private Optional<NonInteractiveChallenges> nonInteractive(ModelPackage pkg) {
        if (nonInteractiveEvery < 0) throw new InvalidInputException("--non-interactive-every is 0 (never) or a positive count");
        if (nonInteractiveEvery == 0) return Optional.empty();
        BootstrapParameters set = BootstrapParameters.N16_MODEL;
        try {
            BootstrappedPass.check(pkg.config(), Bootstrapper.outputLevel(set));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--non-interactive-every: " + e.getMessage(), e);
        }
        CircuitFrame frame = new CircuitFrame(Parameters.create(set.ckks()), set.slots(), Bootstrapper.outputLevel(set));
        EncryptedGpt circuit = new EncryptedGpt(pkg.config(), pkg.weights(), frame, Runnable::run, Runnable::run, DiagonalCache.none());
        // a bootstrapped pass takes about two minutes on two cores (docs/benchmarks.md): full marks up to 150 s, zero beyond 10 minutes
        ScoringParameters scoring = new ScoringParameters(ValidatorSettings.defaultScoring().logitTolerance(), Duration.ofSeconds(150),
                Duration.ofMinutes(10));
        return Optional.of(new NonInteractiveChallenges(frame, set, circuit.rotationSteps(), nonInteractiveEvery, scoring));
    }

    private MinerChallenger diagnosisChallenger(ModelId wanted, String where, ValidatorSettings settings, ChainPayer payer) throws java.io.IOException {
        PackageLocator.LocatedDiagnosis located = PackageLocator.locateDiagnosis(home(), where);
        checkSame(wanted, located.id(), located.where());
        scoredAgainst = located.where();
        return new DiagnosisChallenger(located.pkg().model(), wanted, Parameters.create(EncryptedDiagnosis.PARAMETERS),
                HeldOutRecords.standard(new SecureRandom()), settings, payer);
    }

    /** A validator scores against the Brain's own package: its content id must be the one on chain. */
    private void checkSame(ModelId wanted, ModelId located, String where) {
        if (!located.equals(wanted)) {
            throw new InvalidInputException("Brain #" + brainId + " names the model " + wanted + ", but the package " + where + " is "
                    + located + ": a validator scores against the Brain's package (--model)");
        }
    }

    private ModelId brainsModel(MinerRoster roster) throws Exception {
        try {
            return ModelId.parse(roster.modelId());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("Brain #" + brainId + ": " + e.getMessage(), e);
        }
    }
}
