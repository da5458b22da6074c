package ai.based.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.devnet.DevnetManager;
import ai.based.cli.WorkerProcess;
import ai.based.client.wallet.WalletStore;
import ai.based.miner.remote.MinerClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Miners as processes of their own, found on chain and paid as a user would: the Brain is configured with the
 * model's content id, two `based miner start` processes memorize, serve HTTPS and announce their endpoints and
 * certificate hashes; `based query --brain 7` discovers them, pays each token with a signed receipt, and when the miner
 * it uses is killed mid-query (kill -9) it names that miner and, with --retry, goes on at the other. A miner stopped
 * with SIGTERM redeems its receipts on chain.
 */
@Tag("model")
class MinerJourneyTest {
    static final Pattern SERVING = Pattern.compile("serving Brain #7 \\((\\S+)\\) at (https://\\S+), certificate sha256 ([0-9a-f]{64})");
    private static Path home;
    private static Path password;
    private static Path prompt;
    private static Cli cli;
    private static final List<WorkerProcess> miners = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        home = Files.createTempDirectory("miner-journey-");
        password = Files.writeString(home.resolve("pw"), "s3cret\n");
        prompt = Files.writeString(home.resolve("prompt.txt"), "In the beginning God created");
        cli = new Cli(home);
        cli.ok("devnet", "up");
        cli.ok("deploy");
        WalletStore wallets = new WalletStore(home.resolve("wallets"), WalletStore.Kdf.LIGHT);
        for (String name : List.of("owner", "miner1", "miner2", "user")) wallets.create(name, "s3cret");
        cli.ok("wallet", "faucet", "--wallet", "owner", "--pepe", "1100", "--based", "500");
        for (String name : List.of("miner1", "miner2", "user")) cli.ok("wallet", "faucet", "--wallet", name, "--pepe", "0", "--based", "500");
        cli.ok(Cli.signedBy("owner", password, "brains", "acquire", "--burn"));
        cli.ok("brain", "sync", "7");
        cli.ok("bridge", "relay");
        cli.ok(Cli.signedBy("owner", password, "brain", "configure", "7", "--name", "Journey", "--model", "tiny", "--source", "https://example.org/m"));
        cli.ok(Cli.signedBy("user", password, "account", "deposit", "--amount", "10"));
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (WorkerProcess miner : miners) miner.close();
        new DevnetManager(home.resolve("devnet")).down(line -> {});
    }

    static WorkerProcess startMiner(String wallet) throws Exception {
        WorkerProcess miner = WorkerProcess.start(List.of("-Xmx5g"), List.of("miner", "start", "--brain", "7", "--wallet", wallet,
                "--password-file", password.toString(), "--home", home.toString(), "--max-sessions", "2"),
                home.resolve(wallet + ".log"), SERVING, Duration.ofMinutes(3));
        miners.add(miner);
        return miner;
    }

    static MinerClient client(WorkerProcess miner) {
        return new MinerClient(URI.create(miner.ready(2)), HexFormat.of().parseHex(miner.ready(3)), Duration.ofSeconds(30));
    }

    @Test
    void queriesFindPayAndSurviveAKilledMiner() throws Exception {
        WorkerProcess first = startMiner("miner1");
        WorkerProcess second = startMiner("miner2");
        assertThat(first.ready(1)).matches("tiny@sha256:[0-9a-f]{64}");
        assertThat(Files.readString(first.log())).contains("memorized on Brain #7 as miner", "announced " + first.ready(2));

        Cli.Result paid = cli.ok(Cli.signedBy("user", password, "query", "--brain", "7", "--prompt-file", prompt.toString(), "--tokens", "1"));
        assertThat(paid.out()).contains("continuation:", "paid 1 compute units");

        // the next query uploads a fresh key set to the miner it picks: kill that one as soon as the upload lands
        long[] uploads = {uploads(first), uploads(second)};
        CompletableFuture<Cli.Result> query = CompletableFuture.supplyAsync(() -> cli.run(Cli.signedBy("user", password, "query", "--brain", "7",
                "--prompt-file", prompt.toString(), "--tokens", "2", "--retry")));
        WorkerProcess victim = null;
        while (victim == null && !query.isDone()) {
            if (uploads(first) > uploads[0]) victim = first;
            else if (uploads(second) > uploads[1]) victim = second;
            else Thread.sleep(200);
        }
        assertThat(victim).as("a miner received the key set").isNotNull();
        victim.kill();
        Cli.Result survived = query.get();
        assertThat(survived.exitCode()).as(survived.toString()).isZero();
        assertThat(survived.err()).contains("miner " + victim.ready(2) + " failed after").contains("moving to");
        assertThat(survived.out()).contains("continuation:", "paid 2 compute units");

        WorkerProcess survivor = victim == first ? second : first;
        assertThat(survivor.stop(Duration.ofSeconds(60))).as("SIGTERM stops it gracefully (the JVM's exit code for it)").contains(143);
        assertThat(Files.readString(survivor.log())).contains("redeemed");
    }

    private static long uploads(WorkerProcess miner) throws Exception {
        return miner.alive() ? client(miner).metrics().getLong("keyUploads") : 0;
    }
}
