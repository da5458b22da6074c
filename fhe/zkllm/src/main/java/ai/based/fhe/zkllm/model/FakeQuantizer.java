package ai.based.fhe.zkllm.model;

import ai.djl.ndarray.NDArray;

/**
 * Quantization-aware training's forward pass (whitepaper §7.2.2): the weight matrices it names are used quantized
 * and restored, while gradients flow to the full-precision weights as if quantization were the identity (the
 * straight-through estimator).
 */
public interface FakeQuantizer {
    /** Whether the tensor {@code name} is quantized. */
    boolean quantizes(String name);

    /** {@code matrix} quantized and restored, differentiable as the identity. */
    NDArray fakeQuantize(NDArray matrix);
}
