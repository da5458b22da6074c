package ai.based.oracle.enforcer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * One LSTM layer unrolled over the sequence (the TFT's sequence-to-sequence layer: the encoder over past epochs, the
 * decoder over the forecast horizon, the decoder starting from the encoder's final state). Gates in the order input,
 * forget, cell, output; the forget-gate bias starts at 1 so early training keeps memory.
 */
final class LstmLayer {
    private final NDArray inputWeight;
    private final NDArray recurrentWeight;
    private final NDArray bias;

    record State(NDArray hidden, NDArray cell) {}

    record Output(NDArray sequence, State last) {}

    LstmLayer(TftParameters parameters, String name, int in, int width) {
        this.inputWeight = parameters.weight(name + ".wx", in, 4L * width);
        this.recurrentWeight = parameters.weight(name + ".wh", width, 4L * width);
        float[] b = new float[4 * width];
        for (int k = width; k < 2 * width; k++) b[k] = 1f;
        this.bias = parameters.values(name + ".b", b, new Shape(4L * width));
    }

    /** @param x [B, T, in]; returns the hidden states [B, T, d] and the final state */
    Output apply(NDArray x, State initial) {
        long steps = x.getShape().get(1);
        NDList inputs = x.matMul(inputWeight).split(steps, 1);
        NDArray h = initial.hidden();
        NDArray c = initial.cell();
        NDList outputs = new NDList();
        for (int t = 0; t < steps; t++) {
            NDList gates = inputs.get(t).squeeze(1).add(h.matMul(recurrentWeight)).add(bias).split(4, 1);
            c = Activation.sigmoid(gates.get(1)).mul(c).add(Activation.sigmoid(gates.get(0)).mul(gates.get(2).tanh()));
            h = Activation.sigmoid(gates.get(3)).mul(c.tanh());
            outputs.add(h);
        }
        return new Output(NDArrays.stack(outputs, 1), new State(h, c));
    }
}
