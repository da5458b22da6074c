package ai.based.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A spread warning of `bench ckks --repeat` names the reference kernel timed right after the operation in each round,
 * and says the machine moved only when that kernel's own spread is wide.
 */
class ReferenceKernelTest {

    @Test
    void aWideReferenceSpreadIsCalledTheMachines() {
        String said = BenchCkksCommand.referenceMoved(rounds(34.8, 45.7, 35.0), "rescale");
        assertThat(said).contains("34.8 / 45.7 / 35.0 µs (1.31x)", "the machine's vector speed moved with it");
    }

    @Test
    void aSteadyReferenceLeavesTheSpreadToTheOperation() {
        String said = BenchCkksCommand.referenceMoved(rounds(34.8, 35.9, 35.0), "rescale");
        assertThat(said).contains("(1.03x)").doesNotContain("moved");
    }

    @Test
    void anOperationWithoutAReferenceInEveryRoundSaysNothing() {
        List<CkksMeasurements> rounds = rounds(34.8, 45.7, 35.0);
        rounds.get(1).referenceMicros.clear();
        assertThat(BenchCkksCommand.referenceMoved(rounds, "rescale")).isEmpty();
        assertThat(BenchCkksCommand.referenceMoved(rounds(34.8, 45.7, 35.0), "rotate_1")).isEmpty();
    }

    private static List<CkksMeasurements> rounds(double... referenceMicros) {
        List<CkksMeasurements> rounds = new java.util.ArrayList<>();
        for (double micros : referenceMicros) {
            CkksMeasurements round = new CkksMeasurements();
            round.referenceMicros.put("rescale", micros);
            rounds.add(round);
        }
        return rounds;
    }
}
