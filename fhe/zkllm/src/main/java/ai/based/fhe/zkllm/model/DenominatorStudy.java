package ai.based.fhe.zkllm.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The attention divisor's distribution per layer over prompts: the mean denominator Z̄ of the original Power-Softmax,
 * or c + Z̄ for a bounded attention (the value the miner's reciprocal sees). What decides the reciprocal's interval.
 */
public final class DenominatorStudy {
    /** Quantiles of one layer's divisors (over heads, tokens and prompts), and how many fell above {@code ceiling}. */
    public record Layer(int layer, int count, double min, double p001, double p01, double median, double p99, double p999, double max,
            int aboveCeiling) {}

    private DenominatorStudy() {}

    public static List<Layer> of(ModelConfig config, Weights weights, List<int[]> prompts) {
        BoundedAttention bounds = config.boundedAttention();
        double floor = bounds == null ? 0 : bounds.floor();
        List<List<Double>> seen = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) seen.add(new ArrayList<>());
        PlainGpt plain = new PlainGpt(config, weights);
        for (int[] prompt : prompts) {
            if (prompt.length == 0) continue;
            plain.logits(prompt, (layer, mean) -> seen.get(layer).add(floor + mean));
        }
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < config.layers(); l++) {
            double[] v = seen.get(l).stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(v);
            int above = 0;
            if (bounds != null) for (double x : v) if (x > bounds.ceiling()) above++;
            layers.add(new Layer(l, v.length, v[0], quantile(v, 0.001), quantile(v, 0.01), quantile(v, 0.5), quantile(v, 0.99),
                    quantile(v, 0.999), v[v.length - 1], above));
        }
        return layers;
    }

    private static double quantile(double[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    }
}
