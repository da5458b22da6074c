package ai.based.relayer;

import org.junit.jupiter.api.Tag;

import static ai.based.bridge.BridgeFixture.based;
import ai.based.bridge.BridgeFixture;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Credentials;
import ai.based.client.manifest.BridgeContracts;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.utils.Numeric;

/**
 * A relayer in its own process dies (JVM halt, as kill -9) between signing and broadcasting, or between broadcasting
 * and reading the receipt; restarted on the same store, it delivers the message exactly once and sends no second
 * transaction. Its two peers run in this JVM and only attest (they are not designated for the message).
 */
@Tag("devnet")
class RelayerCrashTest {
    private BridgeFixture f;
    private final List<SteppedRelayer> peers = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private int designated;
    private Path store;

    @BeforeEach
    void start() throws Exception {
        f = new BridgeFixture(based(1_000_000));
        store = Files.createTempDirectory("crash-relayer-");
        // the first message (nonce 0) is designated to the relayer with the lowest address
        designated = BridgeFixture.RELAYERS.indexOf(BridgeFixture.RELAYERS.stream()
                .min(Comparator.comparing((Credentials c) -> Numeric.toBigInt(c.getAddress()))).orElseThrow());
        for (int i = 0; i < 3; i++) ports.add(RelayerServiceTest.freePort());
        for (int i = 0; i < 3; i++) {
            if (i == designated) continue;
            Path dir = Files.createTempDirectory("crash-peer-");
            RelayerService peer = RelayerService.open(BridgeFixture.RELAYERS.get(i), f.ethEnd, f.basedEnd, List.of(),
                    new RelayerStore(dir), 0, Failpoints.none(), line -> {});
            peers.add(SteppedRelayer.serve(peer, ports.get(i)));
        }
    }

    @AfterEach
    void stop() {
        peers.forEach(SteppedRelayer::close);
        f.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {Failpoints.AFTER_SIGN, Failpoints.AFTER_SUBMIT})
    void killedRelayerDeliversExactlyOnceAfterRestart(String failpoint) throws Exception {
        RelayerServiceTest.lock(f, based(6));
        for (SteppedRelayer peer : peers) peer.step(); // attest; not designated, so no submission yet
        String relayer = BridgeFixture.RELAYERS.get(designated).getAddress();

        Process crashed = relayerProcess(failpoint, 1);
        assertThat(crashed.exitValue()).as("halted at " + failpoint).isEqualTo(137);
        if (failpoint.equals(Failpoints.AFTER_SIGN)) {
            assertThat(RelayerServiceTest.wrapped(f)).as("nothing was broadcast").isZero();
        }

        Process restarted = relayerProcess("", 2);
        assertThat(restarted.exitValue()).isZero();
        for (SteppedRelayer peer : peers) peer.step();
        assertThat(RelayerServiceTest.wrapped(f)).isEqualTo(based(6));
        assertThat(RelayerServiceTest.executions(f)).as("exactly one execution").isEqualTo(1);
        assertThat(transactionsTo(relayer, f.ethereum.address(BridgeContracts.ETHEREUM_MESSENGER))).as("one relay transaction, not two")
                .isEqualTo(1);
    }

    /** Mined transactions from {@code from} to {@code to} on the Ethereum devnet. */
    private long transactionsTo(String from, String to) throws Exception {
        var web3j = f.ethereum.node().web3j();
        long count = 0;
        for (long b = 0; b <= f.ethereum.node().blockNumber().longValueExact(); b++) {
            var block = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(b)), true).send().getBlock();
            for (var result : block.getTransactions()) {
                var tx = (org.web3j.protocol.core.methods.response.Transaction) result.get();
                if (from.equalsIgnoreCase(tx.getFrom()) && to.equalsIgnoreCase(tx.getTo())) count++;
            }
        }
        return count;
    }

    private Process relayerProcess(String failpoint, int passes) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "-Dbased.relayer.failpoint=" + failpoint,
                RelayerProcess.class.getName(), f.dir.toString(), Integer.toString(designated), store.toString(),
                Integer.toString(passes)));
        for (int i = 0; i < 3; i++) if (i != designated) command.add(URI.create("http://127.0.0.1:" + ports.get(i)).toString());
        Path output = Files.createTempFile("relayer-process-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("relayer process hung; output:\n" + Files.readString(output));
        }
        if (process.exitValue() != 0 && process.exitValue() != 137) {
            throw new AssertionError("relayer process failed (" + process.exitValue() + "):\n" + Files.readString(output));
        }
        return process;
    }
}
