package ai.based.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.devnet.DevnetManager;
import ai.based.cli.ExitCodes;
import ai.based.cli.LocalOracles;
import ai.based.cli.WorkerProcess;
import ai.based.client.BasedHome;
import ai.based.client.BasedSession;
import ai.based.client.devnet.DevnetEpochs;
import ai.based.client.manifest.ManifestStore;
import ai.based.client.wallet.WalletStore;
import ai.based.epochs.ComputedEpoch;
import ai.based.epochs.EpochComputation;
import ai.based.epochs.EpochResultDigest;
import ai.based.oracle.EpochPoster;
import ai.based.protocol.split.EpochResult;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * The devnet's three oracle signers as `based oracle start` processes, each with its own keystore wallet: they post a
 * closed epoch, the two left post the next after one is killed (kill -9), and `based emissions verify` prints match
 * for what they posted and the first difference for an epoch a quorum posted over another result.
 */
@Tag("devnet")
class OracleJourneyTest {
    private static Path home;
    private static Path password;
    private static Cli cli;
    private static BasedSession session;

    @BeforeAll
    static void setUp() throws Exception {
        home = Files.createTempDirectory("oracle-journey-");
        password = Files.writeString(home.resolve("pw"), "s3cret\n");
        cli = new Cli(home);
        cli.ok("devnet", "up");
        cli.ok("deploy");
        new WalletStore(home.resolve("wallets"), WalletStore.Kdf.LIGHT).create("owner", "s3cret");
        cli.ok("wallet", "faucet", "--wallet", "owner", "--pepe", "1100", "--based", "5000");
        cli.ok(Cli.signedBy("owner", password, "brains", "acquire", "--burn"));
        cli.ok("brain", "sync", "7");
        cli.ok("bridge", "relay");
        cli.ok(Cli.signedBy("owner", password, "stake", "add", "--brain", "7", "--amount", "1000"));
        // the owner mines its Brain and a validator weighs it, so that epochs with revealed weights pay
        String validator = new WalletStore(home.resolve("wallets"), WalletStore.Kdf.LIGHT).create("validator", "s3cret").address();
        cli.ok("wallet", "faucet", "--wallet", "validator", "--based", "200");
        cli.ok(Cli.signedBy("owner", password, "memorize", "--brain", "7", "--role", "MINER"));
        cli.ok(Cli.signedBy("validator", password, "memorize", "--brain", "7", "--role", "VALIDATOR"));
        cli.ok(Cli.signedBy("owner", password, "stake", "add", "--brain", "7", "--validator", validator, "--amount", "1000"));
        session = BasedSession.open(new ManifestStore(home.resolve("deployment")).require("devnet"));
    }

    @AfterAll
    static void tearDown() {
        if (session != null) session.close();
        new DevnetManager(home.resolve("devnet")).down(line -> {});
    }

    @Test
    void signerProcessesPostEpochsEvenWithOneKilledAndAnyoneCanVerifyThem() throws Exception {
        long first;
        try (LocalOracles oracles = new LocalOracles(new BasedHome(home), line -> System.out.println("oracles: " + line))) {
            assertThat(oracles.processes()).hasSize(3).allMatch(WorkerProcess::alive);
            first = nextEpoch();
            close(first);
            oracles.await(first);
            assertThat(home.resolve("epochs").resolve("devnet").resolve(first + ".json")).exists();
            assertThat(cli.ok("emissions", "verify", "--epoch", Long.toString(first)).out()).contains("epoch " + first + ": match");

            cli.ok(Cli.signedBy("validator", password, "weights", "commit", "--brain", "7", "--weights", "0=1"));

            oracles.processes().getFirst().kill();
            close(first + 1);
            oracles.await(first + 1);
            assertThat(cli.ok("emissions", "verify", "--epoch", Long.toString(first + 1)).out()).contains(": match");
        }
        cli.ok(Cli.signedBy("validator", password, "weights", "reveal", "--brain", "7"));
        assertThat(cli.expect(ExitCodes.REFUSED, "emissions", "verify", "--epoch", Long.toString(first + 100)).err())
                .contains("has not closed");
        long forged = first + 2;
        close(forged);
        assertThat(cli.expect(ExitCodes.REFUSED, "emissions", "verify", "--epoch", Long.toString(forged)).err())
                .contains("has closed but is not posted yet");

        // the quorum's keys sign a result that pays Brain #7 one wei less than its chain data gives
        ComputedEpoch truth = EpochComputation.compute(session, forged);
        BigInteger real = truth.result().brainTotals().get(7L);
        Map<Long, BigInteger> totals = new TreeMap<>(truth.result().brainTotals());
        totals.put(7L, real.subtract(BigInteger.ONE));
        byte[] digest = EpochResultDigest.digest(session.node().chainId(), session.address("EpochOracle"), forged,
                List.copyOf(totals.keySet()), List.copyOf(totals.values()), truth.prunes(), truth.rewardsRoot());
        List<Credentials> quorum = new ArrayList<>(List.of(DevAccounts.account(5), DevAccounts.account(6), DevAccounts.account(7)));
        quorum.sort(Comparator.comparing(c -> Numeric.toBigInt(c.getAddress())));
        new EpochPoster(session, List.of(), home.resolve("forged"), line -> {}).submit(new EpochPoster.Posting(new ComputedEpoch(
                new EpochResult(forged, totals, truth.result().accounts()), truth.prunes(), truth.rewardsRoot(), digest, Map.of()),
                quorum.stream().map(c -> EpochResultDigest.sign(c, digest)).toList()), DevAccounts.account(4));
        Cli.Result verdict = cli.expect(ExitCodes.REFUSED, "emissions", "verify", "--epoch", Long.toString(forged));
        assertThat(verdict.out()).contains("Brain #7 total: " + real + " recomputed, " + real.subtract(BigInteger.ONE) + " posted");
        assertThat(verdict.err()).contains("is not what its chain data gives");
    }

    private static long nextEpoch() throws Exception {
        return session.emission(session.reader()).nextEpoch().send().longValueExact();
    }

    /** Mines until the epoch has closed, as a live chain would bring its blocks. */
    private static void close(long epoch) throws Exception {
        DevnetEpochs.close(session, epoch);
    }
}
