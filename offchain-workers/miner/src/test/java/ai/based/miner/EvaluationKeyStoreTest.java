package ai.based.miner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The key store's byte budget: room for a key set is made, least recently used first, before the key set is loaded. */
class EvaluationKeyStoreTest {
    @Test
    void roomIsMadeFromTheLeastRecentlyUsedBeforeAKeySetIsLoaded() {
        EvaluationKeyStore store = new EvaluationKeyStore(100);
        store.put("aaaaaaaaaaaaaaaa", null, 40);
        store.put("bbbbbbbbbbbbbbbb", null, 40);
        store.put("aaaaaaaaaaaaaaaa", null, 40); // kept again: now the most recently used
        store.makeRoom(50);
        assertThat(store.contains("bbbbbbbbbbbbbbbb")).as("least recently used").isFalse();
        assertThat(store.contains("aaaaaaaaaaaaaaaa")).isTrue();
        assertThat(store.usedBytes()).isEqualTo(40);
        assertThatThrownBy(() -> store.makeRoom(101)).isInstanceOf(KeyStoreFullException.class).hasMessageContaining("does not fit");
        assertThat(store.contains("aaaaaaaaaaaaaaaa")).as("nothing evicted for a key set that can never fit").isTrue();
    }
}
