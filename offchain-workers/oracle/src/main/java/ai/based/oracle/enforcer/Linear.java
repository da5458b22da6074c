package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** x W + b over the last axis, for inputs of any rank. */
final class Linear {
    private final NDArray weight;
    private final NDArray bias;

    Linear(TftParameters parameters, String name, int in, int out) {
        this.weight = parameters.weight(name + ".w", in, out);
        this.bias = parameters.filled(name + ".b", new Shape(out), 0f);
    }

    NDArray apply(NDArray x) {
        return x.matMul(weight).add(bias);
    }
}
