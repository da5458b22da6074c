package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** GLU(x) = sigmoid(x W4 + b4) * (x W5 + b5): the gate that lets the TFT switch a whole block off (Lim et al. eq. 5). */
final class GatedLinearUnit {
    private final Linear gate;
    private final Linear value;

    GatedLinearUnit(TftParameters parameters, String name, int in, int out) {
        this.gate = new Linear(parameters, name + ".gate", in, out);
        this.value = new Linear(parameters, name + ".value", in, out);
    }

    NDArray apply(NDArray x) {
        return Activation.sigmoid(gate.apply(x)).mul(value.apply(x));
    }
}
