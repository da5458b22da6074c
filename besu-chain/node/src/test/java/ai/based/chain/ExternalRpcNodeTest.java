package ai.based.chain;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.chain.anvil.AnvilConfig;
import ai.based.chain.anvil.AnvilNode;
import ai.based.chain.anvil.DevnetClock;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("devnet")
class ExternalRpcNodeTest {
    @TempDir
    Path dir;

    @Test
    void connectsWhenTheChainIdMatchesAndReadsTheNodesOwnState() throws Exception {
        try (AnvilNode anvil = AnvilNode.start(AnvilConfig.ephemeral(32323, dir.resolve("n.log")));
                ExternalRpcNode node = ExternalRpcNode.connect(anvil.rpcUrl(), 32323)) {
            assertThat(node.chainId()).isEqualTo(32323);
            assertThat(node.blockNumber()).as("a fresh devnet").isEqualTo(BigInteger.ZERO);
            // a block made through the embedded node is seen through the external connection: the same chain
            DevnetClock.mine(anvil, 3);
            assertThat(node.blockNumber()).isEqualTo(BigInteger.valueOf(3));
        }
    }

    @Test
    void refusesANodeOfAnotherChainBeforeAnythingIsSigned() {
        try (AnvilNode anvil = AnvilNode.start(AnvilConfig.ephemeral(31337, dir.resolve("n.log")))) {
            assertThatThrownBy(() -> ExternalRpcNode.connect(anvil.rpcUrl(), 1337))
                    .isInstanceOf(WrongChainException.class)
                    .hasMessageContaining("reports chain id 31337, expected 1337");
        }
    }

    @Test
    void reportsANodeThatIsDownAsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        assertThatThrownBy(() -> ExternalRpcNode.connect(url, 1337))
                .isInstanceOf(ChainException.class)
                .hasMessageContaining("cannot reach the node at " + url)
                .hasMessageContaining("based devnet up");
    }
}
