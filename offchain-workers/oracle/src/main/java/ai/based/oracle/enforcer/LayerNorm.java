package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Layer normalisation over the last axis with a learned scale and shift. */
final class LayerNorm {
    private final NDArray scale;
    private final NDArray shift;
    private final NDArray epsilon;

    LayerNorm(TftParameters parameters, String name, int size) {
        this(parameters, name, new Shape(size));
    }

    /** With a scale and shift of {@code shape} (the trailing axes), e.g. [V, d] for one normalisation per variable. */
    LayerNorm(TftParameters parameters, String name, Shape shape) {
        this.scale = parameters.filled(name + ".scale", shape, 1f);
        this.shift = parameters.filled(name + ".shift", shape, 0f);
        this.epsilon = parameters.constant(1e-5f);
    }

    NDArray apply(NDArray x) {
        int last = x.getShape().dimension() - 1;
        NDArray centred = x.sub(x.mean(new int[] {last}, true));
        NDArray variance = centred.square().mean(new int[] {last}, true);
        return centred.div(variance.add(epsilon).sqrt()).mul(scale).add(shift);
    }
}
