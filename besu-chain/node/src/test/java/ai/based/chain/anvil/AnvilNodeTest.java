package ai.based.chain.anvil;

import org.junit.jupiter.api.Tag;

import ai.based.chain.DevTransfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;

@Tag("devnet")
class AnvilNodeTest {
    private static final String RECIPIENT = "0x00000000000000000000000000000000000c0ffe";

    @TempDir
    Path dir;

    @Test
    void startsOnAFreeLoopbackPortWithTheConfiguredChainId() {
        try (AnvilNode node = AnvilNode.start(AnvilConfig.ephemeral(1337, dir.resolve("a.log")))) {
            assertThat(node.rpcUrl()).startsWith("http://127.0.0.1:");
            assertThat(node.chainId()).isEqualTo(1337);
            assertThat(node.blockNumber()).isEqualTo(BigInteger.ZERO);
            assertThat(dir.resolve("a.log")).exists();
        }
    }

    @Test
    void devAccountsAreTheAccountsTheNodeFunds() throws Exception {
        try (AnvilNode node = AnvilNode.start(AnvilConfig.ephemeral(1337, dir.resolve("d.log")))) {
            List<String> funded = node.web3j().ethAccounts().send().getAccounts();
            for (int i = 0; i < DevAccounts.count(); i++) {
                assertThat(funded.get(i)).isEqualToIgnoringCase(DevAccounts.account(i).getAddress());
            }
        }
    }

    @Test
    void runsTheHardforkTheContractsAreCompiledForWithoutTheBlockHashHistoryContract() throws Exception {
        // Prague's EIP-2935 writes every parent hash into this contract's storage; anvil rebuilds the whole state root
        // per block, so that storage made each mined block slower than the last.
        assertThat(compiledEvmVersion()).as("the contracts' EVM version (contracts/scripts/compile.js)").isEqualTo(AnvilNode.HARDFORK);
        String historyContract = "0x0000F90827F1C53a10cb7A02335B175320002935";
        try (AnvilNode node = AnvilNode.start(AnvilConfig.ephemeral(1337, dir.resolve("h.log")))) {
            DevnetClock.mine(node, 3);
            var web3j = node.web3j();
            assertThat(web3j.ethGetCode(historyContract, DefaultBlockParameterName.LATEST).send().getCode()).isEqualTo("0x");
            assertThat(web3j.ethGetStorageAt(historyContract, BigInteger.ONE, DefaultBlockParameterName.LATEST).send()
                    .getData()).matches("0x0*");
            assertThat(node.blockNumber()).isEqualTo(BigInteger.valueOf(3));
        }
    }

    private static String compiledEvmVersion() throws Exception {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path script = dir.resolve("contracts/scripts/compile.js");
            if (Files.exists(script)) {
                Matcher version = Pattern.compile("const EVM_VERSION = '([a-z]+)'").matcher(Files.readString(script));
                assertThat(version.find()).as("EVM_VERSION in " + script).isTrue();
                return version.group(1);
            }
        }
        throw new AssertionError("contracts/scripts/compile.js not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void stateFileKeepsBalancesAcrossAGracefulRestart() throws Exception {
        AnvilConfig config = new AnvilConfig(1337, 0, 2, 100, BlockMode.automine(),
                Optional.of(dir.resolve("state.json")), dir.resolve("s.log"), false);
        try (AnvilNode node = AnvilNode.start(config)) {
            DevTransfer.send(node, DevAccounts.account(0), RECIPIENT, BigInteger.TEN);
        }
        assertThat(dir.resolve("state.json")).exists();
        try (AnvilNode node = AnvilNode.start(config)) {
            assertThat(node.web3j().ethGetBalance(RECIPIENT, DefaultBlockParameterName.LATEST).send().getBalance())
                    .isEqualTo(BigInteger.TEN);
        }
    }

    @Test
    void closeLeavesNoProcessBehind() throws Exception {
        AnvilNode node = AnvilNode.start(AnvilConfig.ephemeral(1337, dir.resolve("c.log")));
        ProcessHandle watchdog = ProcessHandle.of(node.pid()).orElseThrow();
        List<ProcessHandle> tree = watchdog.descendants().toList();
        ProcessHandle anvil = tree.stream()
                .filter(p -> p.info().command().map(c -> c.endsWith("anvil")).orElse(false)).findFirst().orElseThrow();
        node.close();
        assertThat(watchdog.isAlive()).isFalse();
        assertThat(anvil.isAlive()).as("close() returns only after anvil has exited").isFalse();
        // The watchdog's one-second sleep is signalled too; give the kernel a moment to reap it.
        awaitGone(tree, Duration.ofSeconds(3));
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
    }

    private static void awaitGoneUnchecked(ProcessHandle process) {
        try {
            awaitGone(List.of(process), Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitGone(List<ProcessHandle> processes, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    @Test
    void anvilStopsWhenItsJvmIsKilled() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        OrphanProbe.class.getName(), dir.resolve("o.log").toString())
                .redirectErrorStream(true)
                .start();
        long anvilPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            anvilPid = Long.parseLong(out.readLine().strip());
            assertThat(ProcessHandle.of(anvilPid)).isPresent();
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.waitFor();
        }
        ProcessHandle.of(anvilPid).ifPresent(AnvilNodeTest::awaitGoneUnchecked);
        assertThat(ProcessHandle.of(anvilPid).map(ProcessHandle::isAlive).orElse(false))
                .as("anvil outlived its JVM").isFalse();
    }

    @Test
    void intervalModeMinesBlocksWithoutTransactions() throws Exception {
        AnvilConfig config = new AnvilConfig(32323, 0, 1, 1, BlockMode.every(Duration.ofSeconds(1)),
                Optional.empty(), dir.resolve("i.log"), false);
        try (AnvilNode node = AnvilNode.start(config)) {
            BlockTimes.awaitBlock(node, 2, Duration.ofSeconds(15));
            // timestamps are whole seconds of the wall clock: one second apart, or two when a block lands late in its second
            assertThat(BlockTimes.gapSeconds(node, 1, 2)).as("one block a second, with no transaction sent").isBetween(1L, 2L);
        }
    }
}
