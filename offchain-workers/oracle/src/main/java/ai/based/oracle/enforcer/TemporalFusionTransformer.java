package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Map;

/**
 * The Temporal Fusion Transformer of Lim et al. 2021, on DJL tensors:
 * <ol>
 *   <li>static covariates -> variable selection -> four GRN context vectors: c_s (for the temporal selections),
 *       c_e (enrichment), c_h and c_c (the LSTM's initial hidden and cell state);
 *   <li>past observations and known future inputs -> their own variable selections (context c_s);
 *   <li>LSTM encoder over the lookback, LSTM decoder over the horizon from the encoder's state; gate-add-norm with the
 *       selected inputs;
 *   <li>static enrichment (GRN with c_e), interpretable multi-head attention (causal), gate-add-norm;
 *   <li>a position-wise GRN, a gate-add-norm back to the LSTM layer's output, and a linear map to the quantiles at the
 *       horizon positions.
 * </ol>
 * Parameters live in one {@link TftParameters} store; a model is a function of its {@link TftConfig} and its seed.
 */
public final class TemporalFusionTransformer {
    private final TftConfig config;
    private final TftParameters parameters;
    private final VariableSelection staticSelection;
    private final GatedResidualNetwork selectionContext;
    private final GatedResidualNetwork enrichmentContext;
    private final GatedResidualNetwork hiddenContext;
    private final GatedResidualNetwork cellContext;
    private final VariableSelection pastSelection;
    private final VariableSelection futureSelection;
    private final LstmLayer encoder;
    private final LstmLayer decoder;
    private final GateAddNorm afterLstm;
    private final GatedResidualNetwork enrichment;
    private final InterpretableAttention attention;
    private final GateAddNorm afterAttention;
    private final GatedResidualNetwork positionWise;
    private final GateAddNorm beforeOutput;
    private final Linear output;

    /** The forecast and what it attended to: quantiles [B, H, Q]; selection weights; attention [B, L, L]. */
    public record Output(NDArray quantiles, NDArray staticWeights, NDArray pastWeights, NDArray futureWeights, NDArray attention) {}

    public TemporalFusionTransformer(TftConfig config, NDManager manager) {
        this.config = config;
        this.parameters = new TftParameters(manager, config.seed());
        int d = config.hidden();
        staticSelection = new VariableSelection(parameters, "static", config.staticVariables(), d, false);
        selectionContext = new GatedResidualNetwork(parameters, "context.select", d, d, d, false);
        enrichmentContext = new GatedResidualNetwork(parameters, "context.enrich", d, d, d, false);
        hiddenContext = new GatedResidualNetwork(parameters, "context.hidden", d, d, d, false);
        cellContext = new GatedResidualNetwork(parameters, "context.cell", d, d, d, false);
        pastSelection = new VariableSelection(parameters, "past", config.pastVariables(), d, true);
        futureSelection = new VariableSelection(parameters, "future", config.futureVariables(), d, true);
        encoder = new LstmLayer(parameters, "encoder", d, d);
        decoder = new LstmLayer(parameters, "decoder", d, d);
        afterLstm = new GateAddNorm(parameters, "lstm.gate", d, d);
        enrichment = new GatedResidualNetwork(parameters, "enrichment", d, d, d, true);
        attention = new InterpretableAttention(parameters, "attention", d, config.heads());
        afterAttention = new GateAddNorm(parameters, "attention.gate", d, d);
        positionWise = new GatedResidualNetwork(parameters, "positionwise", d, d, d, false);
        beforeOutput = new GateAddNorm(parameters, "output.gate", d, d);
        output = new Linear(parameters, "output", d, config.quantiles().length);
    }

    /**
     * @param statics [B, S] static covariates
     * @param past [B, lookback, P] observations of the past epochs
     * @param future [B, horizon, K] inputs known for the forecast epochs
     */
    public Output forward(NDArray statics, NDArray past, NDArray future) {
        VariableSelection.Selected staticSelected = staticSelection.apply(statics, null);
        NDArray staticEncoding = staticSelected.output();
        NDArray cs = selectionContext.apply(staticEncoding);
        NDArray ce = enrichmentContext.apply(staticEncoding);
        LstmLayer.State initial = new LstmLayer.State(hiddenContext.apply(staticEncoding), cellContext.apply(staticEncoding));

        VariableSelection.Selected pastSelected = pastSelection.apply(past, cs);
        VariableSelection.Selected futureSelected = futureSelection.apply(future, cs);
        LstmLayer.Output encoded = encoder.apply(pastSelected.output(), initial);
        LstmLayer.Output decoded = decoder.apply(futureSelected.output(), encoded.last());

        NDArray lstmOut = encoded.sequence().concat(decoded.sequence(), 1);
        NDArray selected = pastSelected.output().concat(futureSelected.output(), 1);
        NDArray temporal = afterLstm.apply(lstmOut, selected);                         // [B, L, d]
        NDArray enriched = enrichment.apply(temporal, ce);
        InterpretableAttention.Attended attended = attention.apply(enriched);
        NDArray attendedOut = afterAttention.apply(attended.output(), enriched);
        NDArray fused = beforeOutput.apply(positionWise.apply(attendedOut), temporal);
        long length = fused.getShape().get(1);
        NDArray horizon = fused.get(new NDIndex(":, {}:{}, :", length - config.horizon(), length));
        return new Output(output.apply(horizon), staticSelected.weights(), pastSelected.weights(), futureSelected.weights(), attended.weights());
    }

    public TftConfig config() {
        return config;
    }

    Map<String, NDArray> parameters() {
        return parameters.trainable();
    }

    TftParameters store() {
        return parameters;
    }
}
