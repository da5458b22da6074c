package ai.based.cli;

import ai.based.client.BasedHome;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.client.devnet.DevnetEpochs;
import ai.based.client.manifest.Manifest;
import ai.based.epochs.ComputedEpoch;
import ai.based.epochs.EpochComputation;
import ai.based.oracle.EmissionsClient;
import ai.based.protocol.Reward;
import ai.based.protocol.consensus.ConsensusResult;
import ai.based.protocol.consensus.Fixed;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;

/**
 * The incentive part of the demo, while the demo's miner still serves: a validator process challenges it through the
 * user's path and puts its weights on chain (commit, then reveal an epoch later); three oracle signer processes compute
 * that epoch from Yuma consensus over the revealed weights, exchange signatures and post it; everyone claims.
 */
final class ValidatorDemo {
    private static final Pattern READY = Pattern.compile("validator of Brain #\\d+ \\((\\S+)\\) as (0x[0-9a-fA-F]{40})");
    private static final Pattern CHALLENGED = Pattern.compile("challenged (.+?): score ([0-9.]+) \\(([^)]*)\\)");
    private static final Pattern COMMITTED = Pattern.compile("committed weights for epoch (\\d+)");
    private static final Duration CHALLENGE_TIMEOUT = Duration.ofMinutes(10);

    private final Path home;
    private final Manifest manifest;
    private final PrintWriter out;
    private final Consumer<String> progress;

    ValidatorDemo(Path home, Manifest manifest, PrintWriter out, Consumer<String> progress) {
        this.home = home;
        this.manifest = manifest;
        this.out = out;
        this.progress = progress;
    }

    /** The demo's three accounts on the Brain, for the claims. */
    record Accounts(Credentials owner, Credentials miner, Credentials validator) {}

    void run(long brainId, String validatorWallet, Path validatorPassword, Accounts accounts, DemoSteps steps) throws Exception {
        try (BasedSession based = BasedSession.open(manifest)) {
            steps.next("a validator process challenges the miner as a user would (fresh keys, an encrypted held-out prompt, paid), "
                    + "commits its weights and reveals them an epoch later");
            long epoch = validate(based, brainId, validatorWallet, validatorPassword);

            steps.next("three oracle signer processes compute epoch " + epoch + " from Yuma consensus over the revealed weights, "
                    + "exchange signatures over HTTP and post it; everyone claims");
            Path rewards;
            try (LocalOracles oracles = new LocalOracles(new BasedHome(home), progress)) {
                DevnetEpochs.close(based, epoch);
                oracles.await(epoch);
                rewards = oracles.rewardsDir();
            }
            report(EpochComputation.compute(based, epoch), brainId, accounts);
            EmissionsClient emissions = new EmissionsClient(based, rewards);
            for (Credentials who : List.of(accounts.owner(), accounts.miner(), accounts.validator())) {
                Reward reward = emissions.claim(who, who.getAddress(), epoch);
                out.println("      claimed " + Pepe.format(reward.amount()) + " BASED for " + label(who, accounts));
            }
        }
    }

    /** Runs the validator until its weights are revealed; returns the epoch they count in. */
    private long validate(BasedSession based, long brainId, String wallet, Path password) throws Exception {
        try (WorkerProcess validator = WorkerProcess.start(List.of("validator", "start", "--brain", Long.toString(brainId), "--wallet", wallet,
                "--password-file", password.toString(), "--tokens", "1", "--interval", "1", "--home", home.toString()),
                home.resolve("demo").resolve("validator.log"), READY, Duration.ofMinutes(5))) {
            out.println("      validator process " + validator.pid() + " scores against " + validator.ready(1) + " (log " + validator.log() + ")");
            Matcher challenged = validator.await(CHALLENGED, CHALLENGE_TIMEOUT);
            out.println("      challenged " + challenged.group(1) + ": score " + challenged.group(2) + " (" + challenged.group(3) + ")");
            out.flush();
            // the weights of an epoch are those it starts with: move the devnet into the next epoch for the commit
            DevnetEpochs.close(based, currentEpoch(based));
            long committed = Long.parseLong(validator.await(COMMITTED, CHALLENGE_TIMEOUT).group(1));
            out.println("      committed its weights for epoch " + committed + " (a hash: nobody can copy them yet)");
            DevnetEpochs.close(based, committed);
            validator.await(Pattern.compile("revealed the weights of epoch " + committed + "\\b"), CHALLENGE_TIMEOUT);
            out.println("      revealed them in epoch " + (committed + 1) + ", where they count");
            validator.stop(Duration.ofSeconds(60));
            return committed + 1;
        }
    }

    private void report(ComputedEpoch computed, long brainId, Accounts accounts) {
        ConsensusResult consensus = computed.consensus().get(brainId);
        if (consensus == null) return;
        long[] credits = computed.credits().getOrDefault(brainId, new long[consensus.incentive().length]);
        out.println("      Brain #" + brainId + " consensus: miner uid 0 (" + short_(accounts.miner()) + ") incentive "
                + share(consensus.incentive()[0]) + ", credits to date " + share(credits[0]) + "; validator uid 0 ("
                + short_(accounts.validator()) + ") dividends " + share(consensus.dividends()[0]) + ", trust "
                + share(consensus.validatorTrust()[0]));
        Map<Long, BigInteger> totals = computed.result().brainTotals();
        out.println("      epoch " + computed.result().epoch() + " pays " + Pepe.format(totals.getOrDefault(brainId, BigInteger.ZERO))
                + " BASED to Brain #" + brainId + ", posted with the signatures of the oracle processes");
    }

    private static String share(long fixed) {
        return String.format(Locale.ROOT, "%.4f", Fixed.toDouble(fixed));
    }

    private static String short_(Credentials who) {
        return who.getAddress().substring(0, 10) + "...";
    }

    private static String label(Credentials who, Accounts accounts) {
        return who == accounts.owner() ? "the owner (25% + its delegation)" : who == accounts.miner() ? "the miner" : "the validator (take + own stake)";
    }

    private static long currentEpoch(BasedSession based) throws Exception {
        return based.emission(based.reader()).currentEpoch().send().longValueExact();
    }

}
