package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A variable selection network (Lim et al. eq. 6-8): each of V real inputs is embedded to d (xi_j = x_j w_j + b_j), a GRN
 * over all embeddings (with the static context, when given) gives softmax weights v over the variables, each embedding
 * goes through its own GRN, and the output is their v-weighted sum. Works on [B, V] (static) and [B, T, V] (temporal)
 * inputs alike; the weights are returned for interpretation.
 */
final class VariableSelection {
    private final int variables;
    private final int width;
    private final NDArray embedWeight;
    private final NDArray embedBias;
    private final GatedResidualNetwork selector;
    private final PerVariableGrns perVariable;

    record Selected(NDArray output, NDArray weights) {}

    VariableSelection(TftParameters parameters, String name, int variables, int width, boolean withContext) {
        if (variables < 1) throw new IllegalArgumentException("a variable selection needs at least one variable");
        this.variables = variables;
        this.width = width;
        this.embedWeight = parameters.weight(name + ".embed.w", new Shape(variables, width), 1.0);
        this.embedBias = parameters.filled(name + ".embed.b", new Shape(variables, width), 0f);
        this.selector = new GatedResidualNetwork(parameters, name + ".select", variables * width, width, variables, withContext);
        this.perVariable = new PerVariableGrns(parameters, name + ".var", variables, width);
    }

    /** @param x [..., V] real inputs; @param context [B, d] or null */
    Selected apply(NDArray x, NDArray context) {
        Shape shape = x.getShape();
        if (shape.get(shape.dimension() - 1) != variables) {
            throw new IllegalArgumentException("expected " + variables + " variables in the last axis, got shape " + shape);
        }
        int rank = shape.dimension();
        NDArray embedded = x.expandDims(rank).mul(embedWeight).add(embedBias);            // [..., V, d]
        long[] flatDims = shape.getShape().clone();
        flatDims[rank - 1] = (long) variables * width;
        NDArray weights = selector.apply(embedded.reshape(new Shape(flatDims)), context).softmax(rank - 1);   // [..., V]
        NDArray processed = perVariable.apply(embedded);                                   // [..., V, d]
        NDArray output = processed.mul(weights.expandDims(rank)).sum(new int[] {rank - 1});
        return new Selected(output, weights);
    }
}
