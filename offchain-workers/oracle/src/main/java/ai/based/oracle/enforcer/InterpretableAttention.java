package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Interpretable multi-head self-attention (Lim et al. eq. 13-16): each head has its own query and key projections but
 * all heads share one value projection, and the heads' outputs are averaged (not concatenated) before the output
 * projection, so the averaged attention matrix says which past epochs the forecast looked at. A causal mask keeps
 * every position from seeing later ones.
 */
final class InterpretableAttention {
    private final int heads;
    private final List<Linear> queries = new ArrayList<>();
    private final List<Linear> keys = new ArrayList<>();
    private final Linear values;
    private final Linear output;
    private final NDArray scale;
    private final NDArray headShare;
    private final NDManager manager;
    private final Map<Long, NDArray> masks = new HashMap<>();

    record Attended(NDArray output, NDArray weights) {}

    InterpretableAttention(TftParameters parameters, String name, int width, int heads) {
        if (heads < 1 || width % heads != 0) throw new IllegalArgumentException("cannot split width " + width + " into " + heads + " heads");
        this.heads = heads;
        int headWidth = width / heads;
        for (int h = 0; h < heads; h++) {
            queries.add(new Linear(parameters, name + ".q" + h, width, headWidth));
            keys.add(new Linear(parameters, name + ".k" + h, width, headWidth));
        }
        this.values = new Linear(parameters, name + ".v", width, headWidth);
        this.output = new Linear(parameters, name + ".o", headWidth, width);
        this.scale = parameters.constant((float) (1 / Math.sqrt(headWidth)));
        this.headShare = parameters.constant(1f / heads);
        this.manager = parameters.manager();
    }

    /** @param x [B, L, d]; returns [B, L, d] and the head-averaged attention [B, L, L] */
    Attended apply(NDArray x) {
        long length = x.getShape().get(1);
        NDArray mask = masks.computeIfAbsent(length, this::causalMask);
        NDArray v = values.apply(x);
        NDArray headSum = null;
        NDArray weightSum = null;
        for (int h = 0; h < heads; h++) {
            NDArray scores = queries.get(h).apply(x).matMul(keys.get(h).apply(x).transpose(0, 2, 1)).mul(scale).add(mask);
            NDArray weights = scores.softmax(2);
            NDArray head = weights.matMul(v);
            headSum = headSum == null ? head : headSum.add(head);
            weightSum = weightSum == null ? weights : weightSum.add(weights);
        }
        return new Attended(output.apply(headSum.mul(headShare)), weightSum.mul(headShare));
    }

    /**
     * 0 where key j <= query i, -1e9 after: softmax gives later positions no weight. Cached per length for the model's
     * life, so it is taken out of the training step's scope that happens to make it first.
     */
    private NDArray causalMask(long length) {
        int n = (int) length;
        float[] mask = new float[n * n];
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) mask[i * n + j] = -1e9f;
        NDArray array = manager.create(mask, new Shape(n, n));
        NDScope.unregister(array);
        return array;
    }
}
