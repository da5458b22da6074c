package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;

/** LayerNorm(skip + GLU(x)): the gated residual connection the TFT puts after each of its blocks. */
final class GateAddNorm {
    private final GatedLinearUnit glu;
    private final LayerNorm norm;

    GateAddNorm(TftParameters parameters, String name, int in, int out) {
        this.glu = new GatedLinearUnit(parameters, name + ".glu", in, out);
        this.norm = new LayerNorm(parameters, name + ".norm", out);
    }

    NDArray apply(NDArray x, NDArray skip) {
        return norm.apply(skip.add(glu.apply(x)));
    }
}
