package ai.based.fhe.zkllm.squeeze;

import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;

import ai.based.fhe.zkllm.model.ModelConfig;
import org.junit.jupiter.api.Test;

/** What undoing the merges would cost the tiny model's circuit on the 7-level chain. */
@Tag("model")
class OperationMergingTest {

    @Test
    void mergingRemovesLevelsRoundTripsAndPlaintextProducts() {
        ModelConfig tiny = ModelConfig.tiny();
        int[] all = {4, 4};
        OperationMerging.Circuit merged = OperationMerging.merged(all, 7);
        OperationMerging.Circuit unmerged = OperationMerging.unmerged(tiny, 64, all, 7);
        assertThat(merged.layerDepth()).isEqualTo(11);
        assertThat(unmerged.layerDepth()).as("ln_1, 1/sqrt(d), the mask's weight, ln_2 as levels of their own").isEqualTo(15);
        assertThat(unmerged.attentionDepth()).as("deeper than the chain: cut by a refresh").isGreaterThan(7);
        assertThat(merged.roundTrips()).isEqualTo(3);
        assertThat(unmerged.roundTrips()).isEqualTo(6);
        assertThat(unmerged.mergeableProducts()).as("ln_f, and per layer ln_1, ln_2, 1/sqrt(d) and 64 offset weights").isEqualTo(1 + 2 * (1 + 2 + 64));

        int[] squeezed = {2, 0};
        assertThat(OperationMerging.merged(squeezed, 7).roundTrips()).as("no attention in layer 1: no reciprocal").isEqualTo(2);
        assertThat(OperationMerging.unmerged(tiny, 64, squeezed, 7).mergeableProducts()).as("two heads per copy: 32 offset bases")
                .isEqualTo(1 + (1 + 2 + 32) + 1);
    }
}
