package ai.based.chain.devnet;

import org.junit.jupiter.api.Tag;

import ai.based.chain.DevTransfer;
import ai.based.chain.anvil.BlockTimes;
import static org.assertj.core.api.Assertions.assertThat;

import ai.based.chain.ExternalRpcNode;
import ai.based.chain.anvil.DevAccounts;
import ai.based.chain.anvil.DevnetClock;
import java.math.BigInteger;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;

@Tag("devnet")
class DevnetManagerTest {
    private static final String RECIPIENT = "0x00000000000000000000000000000000000b0b00";

    @TempDir
    Path dir;

    private DevnetManager devnet;

    @AfterEach
    void stop() {
        if (devnet != null) devnet.down(line -> {});
    }

    @Test
    void upThenDownThenUpKeepsStatePortsAndChainIds() throws Exception {
        devnet = new DevnetManager(dir);
        List<RunningNode> first = devnet.up(DevnetMode.FAST, line -> {});
        assertThat(first).extracting(RunningNode::chainId).containsExactly(1337L, 32323L);
        RunningNode eth = devnet.require(DevnetChain.ETHEREUM);
        try (ExternalRpcNode node = ExternalRpcNode.connect(eth.rpcUrl(), eth.chainId())) {
            DevTransfer.send(node, DevAccounts.account(0), RECIPIENT, BigInteger.TWO);
        }
        assertThat(devnet.up(DevnetMode.FAST, line -> {})).as("up is idempotent").isEqualTo(first);

        assertThat(devnet.down(line -> {})).containsExactly(DevnetChain.ETHEREUM, DevnetChain.BASEDAI);
        assertThat(devnet.status()).noneMatch(NodeStatus::answering);
        assertThat(devnet.stateFile(DevnetChain.ETHEREUM)).exists();

        List<RunningNode> again = devnet.up(DevnetMode.FAST, line -> {});
        assertThat(again).extracting(RunningNode::port).isEqualTo(first.stream().map(RunningNode::port).toList());
        try (ExternalRpcNode node = ExternalRpcNode.connect(again.getFirst().rpcUrl(), 1337)) {
            assertThat(node.web3j().ethGetBalance(RECIPIENT, DefaultBlockParameterName.LATEST).send().getBalance())
                    .isEqualTo(BigInteger.TWO);
        }
        assertThat(devnet.status()).allMatch(NodeStatus::answering);
    }

    @Test
    void theClockKeepsItsOffsetAcrossDownAndUp() throws Exception {
        devnet = new DevnetManager(dir);
        devnet.up(DevnetMode.FAST, line -> {});
        long before;
        RunningNode based = devnet.require(DevnetChain.BASEDAI);
        try (ExternalRpcNode node = ExternalRpcNode.connect(based.rpcUrl(), based.chainId())) {
            DevnetClock.advance(node, Duration.ofDays(90)); // a stake unlock's wait, as in issue 14
            before = latestTimestamp(node);
        }
        devnet.down(line -> {});
        devnet.up(DevnetMode.FAST, line -> {});
        based = devnet.require(DevnetChain.BASEDAI);
        try (ExternalRpcNode node = ExternalRpcNode.connect(based.rpcUrl(), based.chainId())) {
            assertThat(latestTimestamp(node)).as("the saved newest block").isEqualTo(before);
            DevnetClock.mine(node, 1);
            assertThat(latestTimestamp(node)).as("the first block after up does not go back in time").isGreaterThanOrEqualTo(before);
        }
    }

    private static long latestTimestamp(ExternalRpcNode node) throws Exception {
        return node.web3j().ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp().longValueExact();
    }

    @Test
    void realTimeModeGivesTheBasedChainTenSecondBlocks() throws Exception {
        devnet = new DevnetManager(dir);
        devnet.up(DevnetMode.REAL_TIME, line -> {});
        RunningNode based = devnet.require(DevnetChain.BASEDAI);
        RunningNode eth = devnet.require(DevnetChain.ETHEREUM);
        try (ExternalRpcNode basedNode = ExternalRpcNode.connect(based.rpcUrl(), based.chainId());
                ExternalRpcNode ethNode = ExternalRpcNode.connect(eth.rpcUrl(), eth.chainId())) {
            long ethBefore = ethNode.blockNumber().longValueExact();
            long start = basedNode.blockNumber().longValueExact();
            BlockTimes.awaitBlock(basedNode, start + 2, Duration.ofSeconds(35));
            assertThat(BlockTimes.gapSeconds(basedNode, start + 1, start + 2)).as("the BasedAI chain's block time").isBetween(9L, 11L);
            assertThat(ethNode.blockNumber().longValueExact()).as("Ethereum automines: no block without a transaction")
                    .isEqualTo(ethBefore);
        }
    }
}
