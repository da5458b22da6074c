package ai.based.relayer;

import ai.based.bridge.BridgeMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.based.chain.tx.SignedTransaction;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relayer's durable state on its own: what survives a reopen, and a store refusing another deployment. */
class RelayerStoreTest {
    private static BridgeMessage message(int nonce, long block) {
        byte[] hash = new byte[32];
        hash[31] = (byte) nonce;
        return new BridgeMessage(hash, 32323, 1337, BigInteger.valueOf(nonce), "0x" + "11".repeat(20), "0x" + "22".repeat(20),
                BigInteger.ZERO, new byte[] {1, 2, 3}, block);
    }

    @Test
    void cursorMessagesAndSignedTransactionsSurviveAReopen() throws Exception {
        Path dir = Files.createTempDirectory("relayer-store-");
        String hash = "0x" + "00".repeat(31) + "01";
        try (RelayerStore store = new RelayerStore(dir)) {
            store.bind("deployment A");
            store.advance("32323->1337", 42, List.of(message(1, 40), message(2, 41)));
            store.closeMessage("0x" + "00".repeat(31) + "02");
            store.saveSigned(1337, new SignedTransaction("0xabc", "0xf86c", 7), List.of(hash));
        }
        try (RelayerStore store = new RelayerStore(dir)) {
            store.bind("deployment A");
            assertThat(store.cursor("32323->1337")).isEqualTo(42);
            assertThat(store.openMessages("32323->1337")).singleElement().satisfies(m -> {
                assertThat(m.nonce()).isEqualTo(BigInteger.ONE);
                assertThat(m.data()).containsExactly(1, 2, 3);
            });
            assertThat(store.carrier(hash)).isEqualTo("0xabc");
            assertThat(store.unsettled()).singleElement().satisfies(t -> assertThat(t.tx().nonce()).isEqualTo(7));
            assertThatThrownBy(() -> store.bind("deployment B"))
                    .hasMessageContaining("belongs to another bridge deployment (deployment A)");
            store.release("0xabc");
            assertThat(store.carrier(hash)).as("a transaction that can never be mined frees its messages").isNull();
            assertThat(store.unsettled()).isEmpty();
        }
    }
}
