package ai.based.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.devnet.DevnetManager;
import ai.based.cli.WorkerProcess;
import ai.based.client.wallet.WalletStore;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * `based validator start` as a process of its own beside a `based miner start` process: it memorizes its wallet as a
 * validator of Brain #7, finds the miner on chain, challenges it through the user's path (paid from its own spending
 * account, topped up by a deposit), scores the honest miner above zero, shows it on /metrics, and stops on SIGTERM.
 */
@Tag("model")
class ValidatorJourneyTest {
    private static final Pattern READY = Pattern.compile("metrics at (http://\\S+/metrics)");
    private static Path home;
    private static Path password;
    private static WorkerProcess miner;
    private static WorkerProcess validator;

    @BeforeAll
    static void setUp() throws Exception {
        home = Files.createTempDirectory("validator-journey-");
        password = Files.writeString(home.resolve("pw"), "s3cret\n");
        Cli cli = new Cli(home);
        cli.ok("devnet", "up");
        cli.ok("deploy");
        WalletStore wallets = new WalletStore(home.resolve("wallets"), WalletStore.Kdf.LIGHT);
        for (String name : List.of("owner", "miner1", "validator")) wallets.create(name, "s3cret");
        cli.ok("wallet", "faucet", "--wallet", "owner", "--pepe", "1100", "--based", "500");
        for (String name : List.of("miner1", "validator")) cli.ok("wallet", "faucet", "--wallet", name, "--pepe", "0", "--based", "500");
        cli.ok(Cli.signedBy("owner", password, "brains", "acquire", "--burn"));
        cli.ok("brain", "sync", "7");
        cli.ok("bridge", "relay");
        cli.ok(Cli.signedBy("owner", password, "brain", "configure", "7", "--name", "Journey", "--model", "tiny", "--source", "https://example.org/m"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (validator != null) validator.close();
        if (miner != null) miner.close();
        new DevnetManager(home.resolve("devnet")).down(line -> {});
    }

    @Test
    void aValidatorProcessMemorizesChallengesAndScoresAnHonestMiner() throws Exception {
        miner = WorkerProcess.start(List.of("-Xmx4g"), List.of("miner", "start", "--brain", "7", "--wallet", "miner1",
                "--password-file", password.toString(), "--home", home.toString(), "--max-sessions", "1"),
                home.resolve("miner1.log"), MinerJourneyTest.SERVING, Duration.ofMinutes(3));
        validator = WorkerProcess.start(List.of("-Xmx3g"), List.of("validator", "start", "--brain", "7", "--wallet", "validator",
                "--password-file", password.toString(), "--home", home.toString(), "--tokens", "1", "--interval", "1"),
                home.resolve("validator.log"), READY, Duration.ofMinutes(3));
        assertThat(Files.readString(validator.log())).contains("memorized on Brain #7 as validator");

        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (!Files.readString(validator.log()).contains("challenged miner uid 0") && System.nanoTime() < deadline) {
            assertThat(validator.alive()).as(Files.readString(validator.log())).isTrue();
            Thread.sleep(500);
        }
        String log = Files.readString(validator.log());
        assertThat(log).as(log).contains("challenged miner uid 0", "depositing");

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(validator.ready(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject honest = new JsonObject(metrics.body()).getJsonArray("miners").getJsonObject(0);
        assertThat(honest.getInteger("uid")).isZero();
        assertThat(honest.getDouble("lastScore")).as("%s\n%s", honest.encode(), log).isPositive();
        assertThat(honest.getDouble("ema")).isPositive();

        assertThat(validator.stop(Duration.ofMinutes(5))).as("SIGTERM stops it gracefully (the JVM's exit code for it)").contains(143);
    }
}
