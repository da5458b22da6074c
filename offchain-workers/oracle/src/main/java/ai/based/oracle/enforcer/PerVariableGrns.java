package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * V gated residual networks of width d, one per input variable, none sharing a weight (Lim et al. eq. 7), evaluated
 * together: each weight carries a leading variable axis ([V, d, d]) and one batched product serves all V, instead of
 * V chains of small operations (the TFT's step time is dominated by operation count at these sizes).
 */
final class PerVariableGrns {
    private final BatchedLinear input;
    private final BatchedLinear hidden;
    private final BatchedLinear gate;
    private final BatchedLinear value;
    private final LayerNorm norm;
    private final NDArray zero;
    private final NDArray one;

    PerVariableGrns(TftParameters parameters, String name, int variables, int width) {
        input = new BatchedLinear(parameters, name + ".w2", variables, width);
        hidden = new BatchedLinear(parameters, name + ".w1", variables, width);
        gate = new BatchedLinear(parameters, name + ".gate", variables, width);
        value = new BatchedLinear(parameters, name + ".value", variables, width);
        norm = new LayerNorm(parameters, name + ".norm", new Shape(variables, width));
        zero = parameters.constant(0f);
        one = parameters.constant(1f);
    }

    /** @param x [..., V, d]; returns [..., V, d], variable j through its own GRN */
    NDArray apply(NDArray x) {
        NDArray pre = input.apply(x);
        NDArray eta1 = hidden.apply(pre.maximum(zero).add(pre.minimum(zero).exp().sub(one)));
        return norm.apply(x.add(Activation.sigmoid(gate.apply(eta1)).mul(value.apply(eta1))));
    }

    /** x_j W_j + b_j for each variable j on the second-to-last axis. */
    private static final class BatchedLinear {
        private final NDArray weight;
        private final NDArray bias;

        BatchedLinear(TftParameters parameters, String name, int variables, int width) {
            weight = parameters.weight(name + ".w", new Shape(variables, width, width), Math.sqrt(3.0 / width));
            bias = parameters.filled(name + ".b", new Shape(variables, width), 0f);
        }

        /** As one batched product over the variable axis: [V, N, d] x [V, d, d] (broadcasting would copy W N times). */
        NDArray apply(NDArray x) {
            Shape shape = x.getShape();
            int rank = shape.dimension();
            long variables = shape.get(rank - 2);
            long width = shape.get(rank - 1);
            NDArray byVariable = x.reshape(-1, variables, width).transpose(1, 0, 2);
            return byVariable.matMul(weight).transpose(1, 0, 2).reshape(shape).add(bias);
        }
    }
}
