package ai.based.oracle.enforcer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TftPartsTest {
    private NDManager manager;
    private TftParameters parameters;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
        parameters = new TftParameters(manager, 5);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray random(long... shape) {
        return manager.randomNormal(new Shape(shape));
    }

    @Test
    void gatedResidualNetworkKeepsTheBatchAndTimeAxesAndMapsTheWidth() {
        GatedResidualNetwork sameWidth = new GatedResidualNetwork(parameters, "a", 8, 8, 8, true);
        GatedResidualNetwork narrowing = new GatedResidualNetwork(parameters, "b", 12, 8, 3, false);
        assertThat(sameWidth.apply(random(5, 4, 8), random(5, 8)).getShape()).isEqualTo(new Shape(5, 4, 8));
        assertThat(sameWidth.apply(random(5, 8), random(5, 8)).getShape()).isEqualTo(new Shape(5, 8));
        assertThat(narrowing.apply(random(5, 12)).getShape()).isEqualTo(new Shape(5, 3));
        assertThatThrownBy(() -> narrowing.apply(random(5, 12), random(5, 8))).hasMessageContaining("without a context");
    }

    @Test
    void gateAddNormOutputIsLayerNormalised() {
        float[] out = new GateAddNorm(parameters, "g", 8, 8).apply(random(3, 8), random(3, 8)).toFloatArray();
        for (int row = 0; row < 3; row++) {
            double mean = 0;
            double squares = 0;
            for (int j = 0; j < 8; j++) {
                mean += out[row * 8 + j] / 8.0;
                squares += out[row * 8 + j] * out[row * 8 + j] / 8.0;
            }
            assertThat(mean).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(squares - mean * mean).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    @Test
    void variableSelectionWeightsAreADistributionOverTheVariables() {
        VariableSelection temporal = new VariableSelection(parameters, "t", 5, 8, true);
        VariableSelection.Selected selected = temporal.apply(random(4, 6, 5), random(4, 8));
        assertThat(selected.output().getShape()).isEqualTo(new Shape(4, 6, 8));
        assertThat(selected.weights().getShape()).isEqualTo(new Shape(4, 6, 5));
        for (float total : selected.weights().sum(new int[] {2}).toFloatArray()) assertThat(total).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        VariableSelection statics = new VariableSelection(parameters, "s", 2, 8, false);
        assertThat(statics.apply(random(4, 2), null).output().getShape()).isEqualTo(new Shape(4, 8));
        assertThatThrownBy(() -> statics.apply(random(4, 3), null)).hasMessageContaining("expected 2 variables");
    }

    @Test
    void eachVariableGoesThroughItsOwnNetwork() {
        PerVariableGrns grns = new PerVariableGrns(parameters, "pv", 3, 8);
        NDArray x = random(2, 4, 3, 8);
        NDArray changed = x.duplicate();
        changed.set(new ai.djl.ndarray.index.NDIndex(":, :, 1, :"), 5f);     // only variable 1's input moves
        float[] before = grns.apply(x).toFloatArray();
        float[] after = grns.apply(changed).toFloatArray();
        assertThat(grns.apply(x).getShape()).isEqualTo(new Shape(2, 4, 3, 8));
        for (int i = 0; i < before.length; i++) {
            int variable = i / 8 % 3;
            if (variable == 1) continue;
            assertThat(after[i]).as("variable %d must not see variable 1", variable).isEqualTo(before[i]);
        }
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void lstmRunsOverTheSequenceAndHandsOnItsState() {
        LstmLayer lstm = new LstmLayer(parameters, "l", 3, 8);
        LstmLayer.Output out = lstm.apply(random(2, 7, 3), new LstmLayer.State(manager.zeros(new Shape(2, 8)), manager.zeros(new Shape(2, 8))));
        assertThat(out.sequence().getShape()).isEqualTo(new Shape(2, 7, 8));
        assertThat(out.last().hidden().getShape()).isEqualTo(new Shape(2, 8));
        // the sequence's last step is the final hidden state
        assertThat(out.sequence().get(":, 6, :").toFloatArray()).containsExactly(out.last().hidden().toFloatArray());
    }

    @Test
    void interpretableAttentionIsCausalAndAveragesItsHeads() {
        InterpretableAttention attention = new InterpretableAttention(parameters, "att", 8, 4);
        InterpretableAttention.Attended out = attention.apply(random(2, 5, 8));
        assertThat(out.output().getShape()).isEqualTo(new Shape(2, 5, 8));
        assertThat(out.weights().getShape()).isEqualTo(new Shape(2, 5, 5));
        float[] w = out.weights().toFloatArray();
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 5; i++) {
                double row = 0;
                for (int j = 0; j < 5; j++) {
                    float weight = w[(b * 5 + i) * 5 + j];
                    if (j > i) assertThat(weight).as("query %d may not see later key %d", i, j).isZero();
                    row += weight;
                }
                assertThat(row).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
        assertThatThrownBy(() -> new InterpretableAttention(parameters, "bad", 10, 4)).hasMessageContaining("into 4 heads");
    }

    @Test
    void theWholeModelForecastsEveryQuantileAtTheHorizon() {
        TftConfig config = new TftConfig(2, 7, 1, 6, 2, 16, 4, TftConfig.QUANTILES, 1, 0.01f, 3);
        TemporalFusionTransformer tft = new TemporalFusionTransformer(config, manager);
        TemporalFusionTransformer.Output out = tft.forward(random(5, 2), random(5, 6, 7), random(5, 2, 1));
        assertThat(out.quantiles().getShape()).isEqualTo(new Shape(5, 2, 3));
        assertThat(out.staticWeights().getShape()).isEqualTo(new Shape(5, 2));
        assertThat(out.pastWeights().getShape()).isEqualTo(new Shape(5, 6, 7));
        assertThat(out.futureWeights().getShape()).isEqualTo(new Shape(5, 2, 1));
        assertThat(out.attention().getShape()).isEqualTo(new Shape(5, 8, 8));
    }

    @Test
    void theSameSeedMakesTheSameModel() {
        TftConfig config = TftConfig.forNodeSeries(1, 11);
        NDArray statics = random(3, 2);
        NDArray past = random(3, 8, NodeSeries.EPOCH_FEATURES);
        NDArray future = random(3, 1, 1);
        float[] first = new TemporalFusionTransformer(config, manager).forward(statics, past, future).quantiles().toFloatArray();
        float[] second = new TemporalFusionTransformer(config, manager).forward(statics, past, future).quantiles().toFloatArray();
        assertThat(second).containsExactly(first);
    }
}
