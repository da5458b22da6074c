package ai.based.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.devnet.DevnetManager;
import ai.based.cli.ExitCodes;
import ai.based.cli.WorkerProcess;
import ai.based.client.BasedSession;
import ai.based.client.Pepe;
import ai.based.client.manifest.ManifestStore;
import ai.based.client.market.ComputeMarketClient;
import ai.based.client.wallet.WalletStore;
import ai.based.fhe.zkllm.diagnosis.DiagnosisPackage;
import ai.based.fhe.zkllm.diagnosis.DiagnosisSplit;
import ai.based.fhe.zkllm.diagnosis.PatientRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A clinic and a diagnosis Brain (whitepaper §6.1), each as a process of its own: the owner configures Brain #8 with
 * the bundled diagnosis package's content id, a `based miner start` process serves it over HTTPS and announces
 * itself, and `based diagnose` finds that miner on chain, sends the held-out records encrypted, pays per ciphertext
 * and writes predictions equal to the plaintext model's; a larger file goes as several ciphertexts paid as several
 * units. A malformed records file is refused by line and column
 * before anything leaves the clinic. The miner redeems the clinic's receipt when it is stopped.
 */
@Tag("devnet")
class DiagnosisJourneyTest {
    private static final Pattern SERVING = Pattern.compile("serving Brain #8 \\((\\S+)\\) at (https://\\S+), certificate sha256 ([0-9a-f]{64})");
    private static Path home;
    private static Path password;
    private static Cli cli;
    private static WorkerProcess miner;

    @BeforeAll
    static void setUp() throws Exception {
        home = Files.createTempDirectory("diagnosis-journey-");
        password = Files.writeString(home.resolve("pw"), "s3cret\n");
        cli = new Cli(home);
        cli.ok("devnet", "up");
        cli.ok("deploy");
        WalletStore wallets = new WalletStore(home.resolve("wallets"), WalletStore.Kdf.LIGHT);
        for (String name : List.of("owner", "miner", "clinic")) wallets.create(name, "s3cret");
        cli.ok("wallet", "faucet", "--wallet", "owner", "--pepe", "2300", "--based", "500");
        for (String name : List.of("miner", "clinic")) cli.ok("wallet", "faucet", "--wallet", name, "--pepe", "0", "--based", "500");
        cli.ok(Cli.signedBy("owner", password, "brains", "acquire", "--burn"));
        assertThat(cli.ok(Cli.signedBy("owner", password, "brains", "acquire", "--burn")).out()).contains("acquired Brain #8");
        cli.ok("brain", "sync", "8");
        cli.ok("bridge", "relay");
        try (BasedSession session = BasedSession.open(new ManifestStore(new ai.based.client.BasedHome(home).deployments()).require("devnet"))) {
            new ComputeMarketClient(session).deposit(wallets.unlock("clinic", "s3cret"), Pepe.units(10));
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (miner != null) miner.close();
        new DevnetManager(home.resolve("devnet")).down(line -> {});
    }

    @Test
    void aClinicGetsEncryptedPredictionsFromADiagnosisBrainsMinerAndPays() throws Exception {
        String id = DiagnosisPackage.bundled().id().toString();
        assertThat(cli.ok(Cli.signedBy("owner", password, "brain", "configure", "8", "--name", "Clinic", "--model", "diagnosis", "--source",
                "https://example.org/diagnosis")).out()).contains("configured Brain #8: Clinic (" + id + ")");
        miner = WorkerProcess.start(List.of("-Xmx1g"), List.of("miner", "start", "--brain", "8", "--wallet", "miner", "--password-file",
                password.toString(), "--home", home.toString()), home.resolve("miner.log"), SERVING, Duration.ofMinutes(3));
        assertThat(miner.ready(1)).isEqualTo(id);

        // refused whole before any network: the file names the line and column of the first bad value
        PatientRecords heldOut = DiagnosisSplit.standard().heldOut();
        String[] lines = heldOut.toCsv().split("\n");
        lines[3] = lines[3].replaceFirst("^[^,]+", "twelve");
        Path broken = Files.writeString(home.resolve("broken.csv"), String.join("\n", lines) + "\n");
        Cli.Result refused = cli.expect(ExitCodes.USAGE, Cli.signedBy("clinic", password, "diagnose", "--brain", "8", "--records", broken.toString()));
        assertThat(refused.err()).contains("line 4, column 1");
        assertThat(uploads()).as("nothing reached the miner").isZero();

        Path records = Files.writeString(home.resolve("held-out.csv"), heldOut.toCsv());
        Path predictions = home.resolve("predictions.csv");
        Cli.Result diagnosed = cli.ok(Cli.signedBy("clinic", password, "diagnose", "--brain", "8", "--records", records.toString(), "--out",
                predictions.toString()));
        assertThat(diagnosed.out()).contains("predictions for " + heldOut.size() + " records", "accuracy ", "paid 1 compute units");
        List<String> rows = Files.readAllLines(predictions);
        assertThat(rows).hasSize(heldOut.size() + 1);
        double[] plain = DiagnosisPackage.bundled().model().scores(heldOut.features());
        for (int r = 0; r < plain.length; r++) {
            assertThat(rows.get(r + 1)).as("record %d (plaintext score %f)", r + 1, plain[r]).endsWith(plain[r] > 0 ? ",malignant" : ",benign");
        }
        assertThat(uploads()).isEqualTo(1);

        // all 569 shipped records: five ciphertexts in one request, five compute units in one cumulative receipt
        PatientRecords all = DiagnosisSplit.shipped();
        Path allRecords = Files.writeString(home.resolve("all.csv"), all.toCsv());
        Cli.Result five = cli.ok(Cli.signedBy("clinic", password, "diagnose", "--brain", "8", "--records", allRecords.toString(), "--out",
                home.resolve("all-predictions.csv").toString()));
        assertThat(five.out()).contains("569 records in 5 ciphertexts", "paid 5 compute units");
        assertThat(Files.readAllLines(home.resolve("all-predictions.csv"))).hasSize(all.size() + 1);

        assertThat(miner.stop(Duration.ofSeconds(60))).as("SIGTERM stops it gracefully").contains(143);
        assertThat(Files.readString(miner.log())).contains("redeemed", "(6 units in all)");
    }

    private static long uploads() throws Exception {
        return new ai.based.miner.remote.MinerClient(java.net.URI.create(miner.ready(2)), java.util.HexFormat.of().parseHex(miner.ready(3)),
                Duration.ofSeconds(30)).metrics().getLong("keyUploads");
    }
}
