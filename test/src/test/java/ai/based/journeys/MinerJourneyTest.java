package ai.based.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.devnet.DevnetManager;
import ai.based.cli.WorkerProcess;
import ai.based.client.wallet.WalletStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A miner as a process of its own, found and paid as a user would: the Brain is configured with the model's content
 * id, `based miner start` memorizes the miner and serves over HTTPS, and `based query` sends the encrypted prompt to
 * it across the network.
 */
@Tag("model")
class MinerJourneyTest {
    static final Pattern SERVING = Pattern.compile("serving Brain #7 \\((\\S+)\\) at (https://\\S+), certificate sha256 ([0-9a-f]{64})");
    private static Path home;
    private static Path password;
    private static Cli cli;
    private static final List<WorkerProcess> miners = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        home = Files.createTempDirectory("miner-journey-");
        password = Files.writeString(home.resolve("pw"), "s3cret\n");
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

    @Test
    void aQueryCrossesTheNetworkToAMinerProcess() throws Exception {
        WorkerProcess miner = startMiner("miner1");
        assertThat(miner.ready(1)).matches("tiny@sha256:[0-9a-f]{64}");
        assertThat(Files.readString(miner.log())).contains("memorized on Brain #7 as miner");
        Path prompt = Files.writeString(home.resolve("prompt.txt"), "In the beginning God created");
        Cli.Result query = cli.ok("query", "--prompt-file", prompt.toString(), "--tokens", "1", "--miner", miner.ready(2), "--pin", miner.ready(3));
        assertThat(query.out()).contains("continuation:").containsPattern("token \\d+ .* round trips");
        assertThat(query.err()).contains("uploaded the key set to " + miner.ready(2));
        assertThat(miner.alive()).isTrue();

        Cli.Result wrongPin = cli.run("query", "--prompt-file", prompt.toString(), "--tokens", "1", "--miner", miner.ready(2), "--pin", "ab".repeat(32));
        assertThat(wrongPin.exitCode()).isNotZero();
        assertThat(wrongPin.err()).contains("not the miner it claims to be");
    }
}
