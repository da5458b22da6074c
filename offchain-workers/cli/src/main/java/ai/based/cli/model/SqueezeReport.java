package ai.based.cli.model;

import ai.based.cli.bench.EncryptedPassTiming;
import ai.based.fhe.ckks.Parameters;
import ai.based.fhe.zkllm.encrypted.EncryptedGpt;
import ai.based.fhe.zkllm.model.ModelConfig;
import ai.based.fhe.zkllm.model.PlainGpt;
import ai.based.fhe.zkllm.model.Weights;
import ai.based.fhe.zkllm.squeeze.FheCostModel;
import ai.based.fhe.zkllm.squeeze.HeadRef;
import ai.based.fhe.zkllm.squeeze.OperationMerging;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/**
 * The squeeze command's table: per model, the heads kept, the key switches and depth of one encrypted pass, client
 * round trips, the latency the cost model estimates and the latency of a real encrypted pass, and the perplexity; then
 * what operation merging saves.
 */
final class SqueezeReport {
    /** A model of the table and its held-out loss. */
    record Row(String name, Weights weights, List<HeadRef> pruned, double heldOutLoss) {}

    private final ModelConfig config;
    private final int[] prompt;
    private final PrintWriter out;

    /** @param prompt the tokens of the measured passes; empty: estimates only */
    SqueezeReport(ModelConfig config, int[] prompt, PrintWriter out) {
        this.config = config;
        this.prompt = prompt;
        this.out = out;
    }

    void print(List<Row> rows) {
        int tokens = prompt.length > 0 ? prompt.length : config.context();
        Parameters params = Parameters.create(EncryptedGpt.PARAMETERS);
        int chain = params.maxLevel();
        FheCostModel cost = new FheCostModel(config, tokens);
        double perSwitch = EncryptedPassTiming.secondsPerKeySwitch();
        out.printf("one encrypted pass over %d tokens on this machine, single-threaded; estimated = key switches x %.1f ms (a rotation timed now); "
                + "measured = a pass with the model's diagonals already encoded, as for every generated token after the first; levels/layer = a layer "
                + "with attention (one without needs only the MLP's)%n", tokens, perSwitch * 1e3);
        out.printf("%-16s %-12s %13s %13s %12s %12s %12s %11s%n", "model", "heads/layer", "key switches", "levels/layer", "round trips",
                "estimated s", "measured s", "perplexity");
        for (Row row : rows) {
            int[] kept = cost.keptPerLayer(row.pruned());
            OperationMerging.Circuit circuit = OperationMerging.merged(kept, chain);
            long switches = cost.total(kept);
            String measured = prompt.length == 0 ? "-"
                    : String.format("%.1f", EncryptedPassTiming.measure(params, new PlainGpt(config, row.weights()), row.weights(), prompt, Runnable::run).perToken());
            out.printf("%-16s %-12s %,13d %13d %12d %12.1f %12s %11.2f%n", row.name(), Arrays.toString(kept), switches, circuit.layerDepth(),
                    circuit.roundTrips(), switches * perSwitch, measured, Math.exp(row.heldOutLoss()));
        }
        int[] all = cost.keptPerLayer(List.of());
        OperationMerging.Circuit merged = OperationMerging.merged(all, chain);
        OperationMerging.Circuit unmerged = OperationMerging.unmerged(config, tokens, all, chain);
        out.printf("operation merging (ln_1, ln_2, ln_f folded into the next linear map, 1/sqrt(d) into W_Q, 1/(position+1) into the causal mask), "
                + "unsqueezed: levels per layer %d -> %d (attention to the reciprocal %d -> %d, MLP %d -> %d), logits %d -> %d, client round trips "
                + "%d -> %d, %,d plaintext products and as many rescales removed per pass%n", unmerged.layerDepth(), merged.layerDepth(),
                unmerged.attentionDepth(), merged.attentionDepth(), unmerged.mlpDepth(), merged.mlpDepth(), unmerged.logitsDepth(),
                merged.logitsDepth(), unmerged.roundTrips(), merged.roundTrips(), unmerged.mergeableProducts());
    }
}
