package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;

/**
 * The TFT's building block (Lim et al. eq. 2-4): eta2 = ELU(a W2 + c W3 + b2), eta1 = eta2 W1 + b1,
 * GRN(a, c) = LayerNorm(skip(a) + GLU(eta1)). The optional context c (a static covariate encoding, [B, d]) is broadcast
 * over time when a is a sequence; skip(a) is a linear map when the widths differ, else a itself.
 */
final class GatedResidualNetwork {
    private final Linear input;
    private final Linear context;
    private final Linear hidden;
    private final Linear skip;
    private final GateAddNorm output;
    private final NDArray zero;
    private final NDArray one;

    GatedResidualNetwork(TftParameters parameters, String name, int in, int width, int out, boolean withContext) {
        this.input = new Linear(parameters, name + ".w2", in, width);
        this.context = withContext ? new Linear(parameters, name + ".w3", width, width) : null;
        this.hidden = new Linear(parameters, name + ".w1", width, width);
        this.skip = in == out ? null : new Linear(parameters, name + ".skip", in, out);
        this.output = new GateAddNorm(parameters, name + ".out", width, out);
        this.zero = parameters.constant(0f);
        this.one = parameters.constant(1f);
    }

    NDArray apply(NDArray a) {
        return apply(a, null);
    }

    NDArray apply(NDArray a, NDArray c) {
        NDArray pre = input.apply(a);
        if (c != null) {
            if (context == null) throw new IllegalStateException("this GRN was built without a context input");
            NDArray projected = context.apply(c);
            while (projected.getShape().dimension() < pre.getShape().dimension()) projected = projected.expandDims(1);
            pre = pre.add(projected);
        }
        NDArray eta1 = hidden.apply(elu(pre));
        return output.apply(eta1, skip == null ? a : skip.apply(a));
    }

    /** ELU with alpha 1 from tensor constants: max(x, 0) + exp(min(x, 0)) - 1. */
    private NDArray elu(NDArray x) {
        return x.maximum(zero).add(x.minimum(zero).exp().sub(one));
    }
}
