package ai.based.deployment;

import ai.based.chain.ChainIds;
import ai.based.chain.anvil.AnvilConfig;
import ai.based.chain.anvil.AnvilNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Two throwaway automining devnets (Ethereum 1337, BasedAI 32323) tied to the test JVM. */
final class TwoChains implements AutoCloseable {
    final Path dir;
    final AnvilNode ethereum;
    final AnvilNode basedai;

    TwoChains() {
        try {
            dir = Files.createTempDirectory("based-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ethereum = AnvilNode.start(AnvilConfig.ephemeral(ChainIds.ETHEREUM_DEVNET, dir.resolve("ethereum.log")));
        basedai = AnvilNode.start(AnvilConfig.ephemeral(ChainIds.BASEDAI_DEVNET, dir.resolve("basedai.log")));
    }

    @Override
    public void close() {
        ethereum.close();
        basedai.close();
    }
}
